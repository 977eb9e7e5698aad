// Residents' pages sit in the main package; relatives, venue owners, checkpoints and the
// officials' console are subpackages, loaded when first opened (the main package stays small).
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index'],
  subPackages: [],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '健康码',
    navigationBarTextStyle: 'black',
  },
});
