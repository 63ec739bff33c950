import type { Shape } from '../shape.ts';
import type { SharedTexts } from './en.ts';

export const sharedVi = {
  common: { close: 'Đóng', cancel: 'Hủy', failed: 'Đã xảy ra lỗi. Vui lòng thử lại.', loadFailed: 'Không tải được. Hãy kiểm tra kết nối và thử lại.', loading: 'Đang tải…', selected: 'đã chọn' },
  status: {
    draft: 'Bản nháp', registered: 'Đã tiếp nhận', assigned: 'Đã phân công', in_progress: 'Đang xử lý', suspended: 'Tạm dừng (dừng tính thời hạn)',
    resolution_proposed: 'Đã đề xuất trả lời', resolved: 'Đã giải quyết', closed: 'Đã đóng', rejected: 'Từ chối', redirected: 'Đã chuyển', withdrawn: 'Đã rút', reopened: 'Mở lại',
  },
  fields: { fileBelow: 'đính kèm tài liệu ở phần Tài liệu', choose: 'Chọn…' },
  fieldErrors: {
    required: 'Trường bắt buộc', unknown_field: 'Trường này không có trong biểu mẫu', not_text: 'Nhập văn bản', too_short: 'Nhập ít nhất {{min}} ký tự',
    too_long: 'Nhập tối đa {{max}} ký tự', bad_format: 'Giá trị không đúng định dạng', not_number: 'Nhập một số', too_small: 'Nhập từ {{min}} trở lên',
    too_large: 'Nhập tối đa {{max}}', not_date: 'Nhập ngày hợp lệ (YYYY-MM-DD)', not_boolean: 'Chọn có hoặc không', not_option: 'Chọn một trong các lựa chọn',
    duplicate_option: 'Một lựa chọn bị chọn hai lần', too_few_options: 'Chọn ít nhất {{min}}', too_many_options: 'Chọn tối đa {{max}}', not_file: 'Chọn một tệp đã tải lên',
  },
  validation: { required: 'Trường bắt buộc', invalid: 'Giá trị không hợp lệ', minLength: 'Nhập ít nhất {{min}} ký tự', maxLength: 'Nhập tối đa {{max}} ký tự', min: 'Nhập từ {{min}} trở lên', max: 'Nhập tối đa {{max}}', email: 'Nhập địa chỉ email hợp lệ' },
  upload: { progress: 'Đang tải lên {{pct}}%', done: 'Đã tải lên', failed: 'Chưa tải lên', remove: 'Xóa {{name}}', removeShort: 'Xóa', progressOf: 'Tiến độ tải lên {{name}}' },
  deadlineUnit: { calendar_days: 'ngày', working_days: 'ngày làm việc', working_hours: 'giờ làm việc' },
  errors: {
    'attachment.too_large': 'Tệp quá lớn', 'attachment.forbidden_type': 'Loại tệp này không được chấp nhận', 'request.rate_limited': 'Quá nhiều lần thử; vui lòng chờ',
    'resource.stale_version': 'Đã có người thay đổi; đã tải lại', 'auth.forbidden': 'Bạn không có quyền', 'case.invalid_transition': 'Hồ sơ không còn cho phép thao tác này',
    'server.unavailable': 'Không kết nối được dịch vụ', 'request.validation_failed': 'Một số trường không hợp lệ',
  },
} satisfies Shape<SharedTexts>;
