using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Tests.Patterns;

public class PatternSetTests
{
    private static PatternSet CreateSut(params string[] patterns)
    {
        var builder = new PatternSetBuilder();
        for (var i = 0; i < patterns.Length; i++)
        {
            builder.Add(AsteriskPattern.Parse(patterns[i]), i);
        }

        return builder.Build();
    }

    private static int[] Owners(PatternSet set, string number) => set.GetOwners(set.Match(number)).ToArray();

    [Fact]
    public void Match_OverlappingPatterns_ReportsEveryOwnerAscending()
    {
        var sut = CreateSut("_NXXXXXX", "_555XXXX", "5550100", "_5!", "_X.");

        Assert.Equal([0, 1, 2, 3, 4], Owners(sut, "5550100"));
        Assert.Equal([0, 1, 3, 4], Owners(sut, "5550101"));
        Assert.Equal([3, 4], Owners(sut, "55"));
        Assert.Equal([3], Owners(sut, "5"));
        Assert.Equal([4], Owners(sut, "0555"));
    }

    [Fact]
    public void Match_NoPatternMatches_ReturnsEmptySetZero()
    {
        var sut = CreateSut("_7XXX", "911");

        Assert.Equal(0, sut.Match("12"));
        Assert.True(sut.GetOwners(0).IsEmpty);
    }

    [Fact]
    public void Match_SameOwnerForSeveralPatterns_ReportsItOnce()
    {
        var builder = new PatternSetBuilder();
        builder.Add(AsteriskPattern.Parse("_9XX"), 7);
        builder.Add(AsteriskPattern.Parse("_X11"), 7);
        var sut = builder.Build();

        Assert.Equal([7], sut.GetOwners(sut.Match("911")).ToArray());
    }

    [Fact]
    public void Match_NonAsciiAndUnknownCharacters_OnlyMatchTails()
    {
        var sut = CreateSut("_X.", "_XX", "ab");

        Assert.Equal([0], Owners(sut, "1ä"));
        Assert.Equal([0], Owners(sut, "1b"));
        Assert.Empty(Owners(sut, "ä1"));
        Assert.Equal([2], Owners(sut, "ab"));
    }

    [Fact]
    public void Match_DashesInNumber_AreIgnored()
    {
        var sut = CreateSut("_1800NXXXXXX");

        Assert.Equal([0], Owners(sut, "1-800-555-0100"));
    }

    [Fact]
    public void Build_DigitPatterns_UsesFewCharacterClasses()
    {
        var sut = CreateSut("_NXXXXXX", "_1800NXXXXXX", "_011.", "911", "112");

        // 0, 1, 2, 3-7, 8, 9 and "anything else" are all the automaton has to tell apart.
        Assert.Equal(7, sut.ClassCount);
    }

    [Fact]
    public void Build_Empty_MatchesNothing()
    {
        var sut = new PatternSetBuilder().Build();

        Assert.Equal(0, sut.Match("1234"));
        Assert.Equal(0, sut.Match(string.Empty));
    }

    [Fact]
    public void Build_PatternsOverlappingInManyWays_RefusesBeyondTheLimit()
    {
        // each pattern constrains a different position, so the automaton must track every combination: 2^12 states
        var builder = new PatternSetBuilder { MaxTransitions = 10_000 };
        for (var i = 0; i < 12; i++)
        {
            builder.Add(AsteriskPattern.Parse("_" + new string('X', i) + "1" + new string('X', 12 - i)), i);
        }

        var error = Assert.Throws<PatternSetTooLargeException>(builder.Build);

        Assert.Contains("more than 10,000 transitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SamePatternsUnderTheLimit_StillMatch()
    {
        var builder = new PatternSetBuilder();
        for (var i = 0; i < 12; i++)
        {
            builder.Add(AsteriskPattern.Parse("_" + new string('X', i) + "1" + new string('X', 12 - i)), i);
        }

        var sut = builder.Build();

        Assert.Equal([0, 5, 11], sut.GetOwners(sut.Match("1000010000010")).ToArray());
    }
}
