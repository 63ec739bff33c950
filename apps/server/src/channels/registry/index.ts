export { createRegistryService, statusUrlOf, type RegistryService } from './registry.service.ts';
export { registryRoutes } from './registry.routes.ts';
export { renderReceipt, type ReceiptData } from './receipt-pdf.ts';
