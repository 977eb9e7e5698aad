export default definePageConfig({ navigationBarTitleText: '实名注册' });
