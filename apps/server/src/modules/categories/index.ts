export { cachedCategory, CATEGORY_CACHE_TTL_MS, createCategoryService, findCategory, presentCategory, type CategoryRecord, type CategoryService } from './category.service.ts';
export { categoryRoutes } from './category.routes.ts';
