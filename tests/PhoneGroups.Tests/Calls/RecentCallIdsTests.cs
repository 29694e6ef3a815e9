using PhoneGroups.Calls;

namespace PhoneGroups.Tests.Calls;

/// <summary>The calls recovery must not decide again: the last minute's, and only those.</summary>
public sealed class RecentCallIdsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ACallStartedWithinTheWindow_IsRecent_AnOlderOneIsForgotten()
    {
        var sut = new RecentCallIds();
        sut.Add("old", Start);
        sut.Add("new", Start + TimeSpan.FromSeconds(30));

        Assert.True(sut.Contains("old"));

        sut.Add("newest", Start + RecentCallIds.Window + TimeSpan.FromSeconds(1));

        Assert.False(sut.Contains("old"));
        Assert.True(sut.Contains("new"));
        Assert.True(sut.Contains("newest"));
    }

    [Fact]
    public void ManyCalls_OnlyTheLastMinutesAreKept()
    {
        var sut = new RecentCallIds();
        for (var i = 0; i < 12_000; i++)
        {
            sut.Add($"c{i}", Start + TimeSpan.FromMilliseconds(i * 10)); // 100 calls/s for two minutes
        }

        Assert.InRange(sut.Count, 6_000, 6_002);
        Assert.False(sut.Contains("c0"));
        Assert.True(sut.Contains("c11999"));
    }

    [Fact]
    public void AnIdStartedAgain_IsKeptFromItsNewerStart()
    {
        var sut = new RecentCallIds();
        sut.Add("again", Start);
        sut.Add("again", Start + TimeSpan.FromSeconds(50));

        sut.Add("later", Start + TimeSpan.FromSeconds(70));

        Assert.True(sut.Contains("again"));
    }
}
