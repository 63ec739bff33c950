export { createAuthService, type AuthService, type Principal } from './auth.service.ts';
export { createUserService, type UserService } from './user.service.ts';
export { registerAccessControl, principalOf, SESSION_COOKIE, type RouteAccess } from './access.hook.ts';
export { hasPermission, permissionsOf, PERMISSIONS, type Permission } from './permissions.ts';
export { authRoutes } from './auth.routes.ts';
export { userRoutes } from './user.routes.ts';
