using PhoneGroups.Documents;

namespace PhoneGroups.Tests.Documents;

public sealed class LineDiffTests
{
    [Fact]
    public void OneChangedLine_IsOneHunk_WithContext()
    {
        var diff = LineDiff.Unified("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nE\nf\ng\nh\n", "old", "new").Split('\n');

        Assert.Equal(["--- old", "+++ new", "@@ -2,7 +2,7 @@", " b", " c", " d", "-e", "+E", " f", " g", " h", ""], diff);
    }

    [Fact]
    public void SameText_IsNoDiff() => Assert.Equal(string.Empty, LineDiff.Unified("a\n", "a\n", "x", "y"));

    [Fact]
    public void FromNothing_EveryLineIsAdded() =>
        Assert.Equal(["--- x", "+++ y", "@@ -1,0 +1,2 @@", "+a", "+b", ""], LineDiff.Unified(string.Empty, "a\nb\n", "x", "y").Split('\n'));
}
