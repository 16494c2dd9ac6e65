using System.Text;
using Governance.Protocol.Canonical;

namespace Governance.Protocol.Tests.Canonical;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Rfc8785_sample_canonicalises_to_the_published_form()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }

    [Fact]
    public void Properties_sort_by_utf16_code_units()
    {
        const string input = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";
        var output = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input)));
        var order = new[] { "\\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33" };
        var positions = order.Select(key => output.IndexOf("\"" + key + "\"", StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order().ToArray(), positions);
    }

    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    public void Numbers_follow_ecmascript_formatting(ulong bits, string expected)
    {
        Assert.Equal(expected, CanonicalJson.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));
    }

    [Theory]
    [InlineData(1e-7, "1e-7")]
    [InlineData(123.456, "123.456")]
    [InlineData(-42, "-42")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(0.5, "0.5")]
    [InlineData(1.5e300, "1.5e+300")]
    public void Common_numbers_format_as_javascript_does(double value, string expected)
    {
        Assert.Equal(expected, CanonicalJson.FormatNumber(value));
    }

    [Fact]
    public void Key_order_and_whitespace_do_not_change_the_canonical_form()
    {
        var a = CanonicalJson.Canonicalize("""{"b":[1,2,{"y":true,"x":null}],"a":"v"}"""u8);
        var b = CanonicalJson.Canonicalize("""
            {  "a" : "v",
               "b" : [ 1, 2, { "x": null, "y": true } ] }
            """u8);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize("""{"a":1,"a":2}"""u8));
    }
}
