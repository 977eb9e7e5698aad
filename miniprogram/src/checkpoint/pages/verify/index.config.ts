export default definePageConfig({ navigationBarTitleText: '核验健康码' });
