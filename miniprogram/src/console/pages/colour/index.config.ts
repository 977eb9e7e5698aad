export default definePageConfig({ navigationBarTitleText: '健康码颜色' });
