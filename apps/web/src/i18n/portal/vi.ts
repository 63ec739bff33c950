import type { Shape } from '../shape.ts';
import type { portalEn } from './en.ts';

export const portalVi = {
  portal: {
    skip: 'Chuyển đến nội dung', language: 'Ngôn ngữ', loading: 'Đang tải…', unknownInstitution: 'Cơ quan này không có ở đây.', unavailable: 'Dịch vụ tạm thời không khả dụng. Vui lòng thử lại sau.',
    footer: 'CivicLine — gửi yêu cầu đến cơ quan nhà nước. Dữ liệu của bạn chỉ được xử lý để trả lời yêu cầu.',
    welcome: '{{name}}', intro: 'Gửi hồ sơ, kiến nghị hoặc phản ánh và theo dõi bằng số tiếp nhận.',
    submitTitle: 'Nộp hồ sơ', submitIntro: 'Chọn nội dung, điền biểu mẫu và đính kèm tài liệu.', submitButton: 'Bắt đầu nộp hồ sơ',
    statusTitle: 'Tra cứu hồ sơ', statusIntro: 'Nhập số tiếp nhận bạn đã nhận được.', statusButton: 'Tra cứu hồ sơ',
    pickInstitution: 'Mở địa chỉ cổng do cơ quan cung cấp, hoặc nhập tên ngắn của cơ quan.', institutionSlug: 'Tên ngắn của cơ quan', go: 'Mở',
    errorsTitle_one: 'Có {{count}} lỗi', errorsTitle_other: 'Có {{count}} lỗi',
    groups: {},
    form: {
      requiredNote: 'Các trường có dấu * là bắt buộc.', what: 'Hồ sơ của bạn', who: 'Thông tin liên hệ', category: 'Nội dung hồ sơ', subject: 'Tiêu đề', description: 'Mô tả yêu cầu',
      attachments: 'Tài liệu', attachmentsHelp: 'PDF, hình ảnh hoặc tài liệu văn phòng, tối đa 20 MB mỗi tệp.', addFile: 'Thêm tệp', deadline: 'Thời hạn trả lời theo quy định là {{amount}} {{unit}}.',
      firstName: 'Tên', lastName: 'Họ', email: 'Email', phone: 'Điện thoại di động', preferredChannel: 'Chúng tôi thông báo cho bạn bằng cách nào?', byEmail: 'Qua email', bySms: 'Qua SMS',
      emailNeeded: 'Nhập email hoặc chọn SMS', phoneNeeded: 'Nhập số di động hoặc chọn email',
      consent: 'Tôi đồng ý để {{name}} xử lý dữ liệu cá nhân của tôi nhằm giải quyết hồ sơ này.', consentShort: 'Đồng ý', consentRequired: 'Cần có sự đồng ý để giải quyết hồ sơ',
      send: 'Gửi hồ sơ', waitUploads: 'Vui lòng chờ tải tệp xong.',
    },
    done: {
      title: 'Hồ sơ đã được tiếp nhận', number: 'Số tiếp nhận', registered: 'Tiếp nhận lúc {{at}}.', due: 'Bạn sẽ nhận được kết quả trước {{at}}.',
      ack: { email: 'Chúng tôi cũng đã gửi xác nhận qua email.', sms: 'Chúng tôi cũng đã gửi xác nhận qua SMS.' }, keep: 'Hãy giữ số này: bạn cần nó để tra cứu hồ sơ.',
    },
    status: {
      number: 'Số tiếp nhận', numberHelp: 'Như trên giấy xác nhận, ví dụ PET-2026-000123', numberNeeded: 'Nhập số tiếp nhận', check: 'Tra cứu',
      notFound: 'Không có hồ sơ nào mang số này. Vui lòng kiểm tra và thử lại.', request: 'Hồ sơ {{number}}', state: 'Trạng thái', category: 'Loại', registered: 'Tiếp nhận', due: 'Hạn trả kết quả',
      lastChange: 'Thay đổi gần nhất', notes: 'Thông báo từ cơ quan', privacy: 'Chúng tôi chỉ hiển thị trạng thái và thông báo dành cho bạn.',
    },
  },
} satisfies Shape<typeof portalEn>;
