using PhoneGroups.Ari.Connection;

namespace PhoneGroups.Ari.Tests.Connection;

public sealed class ConnectionBackoffTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(1);

    [Fact]
    public void Next_ReplacedSoonAfterEachTakeBack_DoublesUpToTheMaximum()
    {
        var sut = CreateSut(random: 0.999999);

        double[] seconds = [.. Enumerable.Range(0, 6).Select(_ => Math.Round(sut.Next(Soon).TotalSeconds))];

        Assert.Equal([5, 10, 20, 20, 20, 20], seconds);
    }

    [Fact]
    public void Next_Jitter_StaysBetween80And100PercentOfTheStep()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), CreateSut(random: 0).Next(Soon));
        Assert.Equal(TimeSpan.FromSeconds(4.5), CreateSut(random: 0.5).Next(Soon));
    }

    [Fact]
    public void Next_AfterHoldingTheApplicationForThreeMaximumDelays_StartsAgain()
    {
        var sut = CreateSut(random: 0.999999);
        sut.Next(Soon);
        sut.Next(Soon);
        sut.Next(Soon);

        Assert.Equal(5, Math.Round(sut.Next(TimeSpan.FromSeconds(60)).TotalSeconds));
        Assert.Equal(10, Math.Round(sut.Next(TimeSpan.FromSeconds(59)).TotalSeconds));
    }

    [Fact]
    public void Reset_StartsAgainFromTheFirstWait()
    {
        var sut = CreateSut(random: 0.999999);
        sut.Next(Soon);
        sut.Next(Soon);

        sut.Reset();

        Assert.Equal(5, Math.Round(sut.Next(Soon).TotalSeconds));
    }

    [Fact]
    public void Next_ManyReplacements_NeverOverflowsPastTheMaximum()
    {
        var sut = CreateSut(random: 0.999999);
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(sut.Next(Soon), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(20));
        }
    }

    private static ConnectionBackoff CreateSut(double random) => new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), () => random);
}
