export { createAttachmentService, type AttachmentService } from './attachment.service.ts';
export { attachmentRoutes } from './attachment.routes.ts';
