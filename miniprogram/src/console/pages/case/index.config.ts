export default definePageConfig({ navigationBarTitleText: '流调报告' });
