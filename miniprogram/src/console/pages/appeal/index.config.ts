export default definePageConfig({ navigationBarTitleText: '处理申诉' });
