// Residents' pages sit in the main package; relatives, venue owners, checkpoints and the
// officials' console are subpackages, loaded when first opened (the main package stays small).
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/records/index', 'pages/help/index', 'pages/settings/index'],
  subPackages: [
    { root: 'checkpoint', pages: ['pages/verify/index'] },
    { root: 'relatives', pages: ['pages/list/index', 'pages/bind/index'] },
    { root: 'console', pages: ['pages/home/index', 'pages/venues/index', 'pages/categories/index', 'pages/risk-areas/index', 'pages/cases/index', 'pages/case/index', 'pages/colour/index', 'pages/institutions/index', 'pages/audit/index', 'pages/appeals/index', 'pages/appeal/index', 'pages/staff/index', 'pages/dashboard/index'] },
    { root: 'venues', pages: ['pages/list/index', 'pages/apply/index', 'pages/detail/index', 'pages/category-request/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '健康码',
    navigationBarTextStyle: 'black',
  },
});
