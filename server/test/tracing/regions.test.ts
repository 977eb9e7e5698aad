import { cityCodeOf, lookup, regionTouchesCity } from '../../src/regions/regions';

describe('R30: region names from the GB/T 2260 division table', () => {
  it('R30: a district names itself, its province and its city', () => {
    expect(lookup('440305')).toEqual({ code: '440305', name: '南山区', province: '广东省', city: '深圳市', cityCode: '440300' });
    expect(lookup('420106')).toEqual({ code: '420106', name: '武昌区', province: '湖北省', city: '武汉市', cityCode: '420100' });
    expect(lookup('440300')).toMatchObject({ name: '深圳市', city: '深圳市' });
    expect(lookup('440000')).toMatchObject({ name: '广东省', province: '广东省' });
  });

  it("R30: a municipality's districts and counties are one city; a county-level city under a province is its own", () => {
    expect(lookup('310101')).toEqual({ code: '310101', name: '黄浦区', province: '上海市', city: '上海市', cityCode: '310000' });
    expect(cityCodeOf('500101')).toBe('500000');
    expect(cityCodeOf('500230')).toBe('500000');
    expect(lookup('429004')).toEqual({ code: '429004', name: '仙桃市', province: '湖北省', city: '仙桃市', cityCode: '429004' });
    expect(cityCodeOf('441900')).toBe('441900');
  });

  it('R30: an unknown or malformed code is not guessed', () => {
    expect(lookup('999999')).toBeNull();
    expect(lookup('44030')).toBeNull();
    expect(lookup('44030x')).toBeNull();
  });

  it('R30: a risk area touches a city when it is in it, is it, or is its whole province', () => {
    expect(regionTouchesCity('440305', '440300')).toBe(true);
    expect(regionTouchesCity('440300', '440300')).toBe(true);
    expect(regionTouchesCity('440000', '440300')).toBe(true);
    expect(regionTouchesCity('440106', '440300')).toBe(false);
    expect(regionTouchesCity('310104', '310000')).toBe(true);
  });
});
