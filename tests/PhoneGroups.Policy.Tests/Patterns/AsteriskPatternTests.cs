using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Tests.Patterns;

public class AsteriskPatternTests
{
    [Theory]
    // the seed's examples
    [InlineData("_7XXX", "7000", true)]
    [InlineData("_7XXX", "7999", true)]
    [InlineData("_7XXX", "700", false)]
    [InlineData("_7XXX", "70000", false)]
    [InlineData("_7XXX", "8000", false)]
    [InlineData("_8[0-5]XXXXXXX", "850000000", true)]   // 9 characters, not the 8 the seed claims
    [InlineData("_8[0-5]XXXXXXX", "80123456", false)]
    [InlineData("_8[0-5]XXXXXXX", "860000000", false)]
    [InlineData("*80", "*80", true)]
    [InlineData("*80", "*800", false)]
    [InlineData("*80", "80", false)]
    [InlineData("911", "911", true)]
    [InlineData("911", "9110", false)]
    // digit classes, either case
    [InlineData("_X", "0", true)]
    [InlineData("_Z", "0", false)]
    [InlineData("_Z", "1", true)]
    [InlineData("_N", "1", false)]
    [InlineData("_N", "2", true)]
    [InlineData("_nxz", "209", true)]
    [InlineData("_nxz", "200", false)]
    [InlineData("_X", "a", false)]
    // sets and ranges
    [InlineData("_[1237-9]", "3", true)]
    [InlineData("_[1237-9]", "4", false)]
    [InlineData("_[1237-9]", "8", true)]
    [InlineData("_[*#]X", "#5", true)]
    [InlineData("_[a-c]", "b", true)]
    [InlineData("_[a-c]", "B", false)]
    // `.` is one or more, `!` zero or more
    [InlineData("_011.", "011", false)]
    [InlineData("_011.", "0114", true)]
    [InlineData("_011.", "011493012345", true)]
    [InlineData("_011!", "011", true)]
    [InlineData("_011!", "0114", true)]
    [InlineData("_X.", "1#*abc", true)]
    [InlineData("_!", "", true)]
    [InlineData("_.", "", false)]
    // literal characters inside patterns, and literal strings
    [InlineData("_*X#", "*5#", true)]
    [InlineData("_+49.", "+4930", true)]
    [InlineData("+4930", "+4930", true)]
    [InlineData("#31#", "#31#", true)]
    [InlineData("X", "X", true)]           // without `_`, X is just the letter
    [InlineData("X", "5", false)]
    [InlineData("_abc", "abc", true)]
    [InlineData("_abc", "ABC", false)]
    // dashes are ignored in the pattern and in the number
    [InlineData("_1-800-NXX-XXXX", "18002345678", true)]
    [InlineData("_1800NXXXXXX", "1-800-234-5678", true)]
    [InlineData("555-0100", "5550100", true)]
    [InlineData("5550100", "555-0100", true)]
    [InlineData("_[-5]", "5", true)]
    [InlineData("_[1-]", "1", true)]
    public void IsMatch_AsteriskSemantics_MatchesLikeAsterisk(string pattern, string number, bool expected)
    {
        var sut = AsteriskPattern.Parse(pattern);

        Assert.Equal(expected, sut.IsMatch(number));
        Assert.Equal(expected, ReferenceMatcher.IsMatch(pattern, number));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("_", "empty number")]
    [InlineData("---", "empty number")]
    [InlineData("_7[0-5", "never closed")]
    [InlineData("_7]", "no opening")]
    [InlineData("_7[]X", "empty set")]
    [InlineData("_[9-0]", "backwards")]
    [InlineData("_1.2", "must end the pattern")]
    [InlineData("_1!X", "must end the pattern")]
    [InlineData("_XX/100", "caller-ID")]
    [InlineData("_7 XXX", "spaces")]
    [InlineData("_7\u00e9", "printable ASCII")]
    public void TryParse_InvalidPattern_ExplainsTheProblem(string pattern, string expectedFragment)
    {
        var ok = AsteriskPattern.TryParse(pattern, out var parsed, out var error);

        Assert.False(ok);
        Assert.Null(parsed);
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("_8[0-5]XXXXXXX", 9, PatternTail.None)]
    [InlineData("_011.", 3, PatternTail.OneOrMore)]
    [InlineData("_X-!", 1, PatternTail.ZeroOrMore)]
    [InlineData("*80", 3, PatternTail.None)]
    public void Parse_ValidPattern_ReportsShape(string pattern, int fixedLength, PatternTail tail)
    {
        var sut = AsteriskPattern.Parse(pattern);

        Assert.Equal(fixedLength, sut.FixedLength);
        Assert.Equal(tail, sut.Tail);
        Assert.Equal(pattern, sut.Text);
    }

    [Fact]
    public void Parse_InvalidPattern_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => AsteriskPattern.Parse("_[5"));

        Assert.Contains("_[5", error.Message, StringComparison.Ordinal);
    }
}
