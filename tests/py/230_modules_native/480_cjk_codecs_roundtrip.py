# CJK codecs (_multibytecodec over iconv): round trips and known byte strings for every codec, one-shot and incremental
import codecs
samples = {
    'shift_jis': 'aZ~ 日本語のテキスト、カタカナ。', 'cp932': '①②ｱｲｳ漢字', 'euc_jp': '東京都 ﾃｽﾄ',
    'shift_jis_2004': 'か゚ 𠀋 漢', 'shift_jisx0213': '漢字', 'euc_jis_2004': 'か゚ 𠀋', 'euc_jisx0213': '漢字かな',
    'gb2312': '中文简体', 'gbk': '中文繁體字', 'gb18030': '中文€𠀀', 'hz': 'a~b 中文 c',
    'big5': '中文繁體', 'cp950': '中文€', 'big5hkscs': '中文香港',
    'euc_kr': '한국어 텍스트', 'cp949': '똠방각하', 'johab': '한글',
    'iso2022_jp': 'abc 日本語 def', 'iso2022_jp_2': '日本語 é', 'iso2022_kr': 'a 한국어 b',
}
for name, text in samples.items():
    b = text.encode(name)
    back = b.decode(name)
    enc = codecs.getincrementalencoder(name)()
    parts = b''.join(enc.encode(ch) for ch in text) + enc.encode('', final=True)
    dec = codecs.getincrementaldecoder(name)()
    chars = ''.join(dec.decode(bytes([x])) for x in parts) + dec.decode(b'', final=True)
    print(name, b.hex(), back == text, parts == b, chars == text)
    print(' ', codecs.lookup(name).name, codecs.encode(text, name) == b, codecs.decode(b, name) == text)
# euc_kr writes (and reads) the syllables KS X 1001 lacks as KS X 1001:1998 make-up sequences
kr = '갂 가 똠방각하 a'
print(kr.encode('euc_kr'), kr.encode('euc_kr').decode('euc_kr') == kr)
dec = codecs.getincrementaldecoder('euc_kr')()
print([dec.decode(bytes([x])) for x in kr.encode('euc_kr')])
for bad in (b'\xa4\xd4', b'\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xff', b'\xa4\xd4abcdef'):
    try:
        bad.decode('euc_kr')
    except UnicodeDecodeError as e:
        print(e.start, e.end, e.reason)
