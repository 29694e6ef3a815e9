using PhoneGroups.Policy.Loading;
using PhoneGroups.Web.Live;

namespace PhoneGroups.Tests.Web;

/// <summary>The Live page's feed: the last 200 decisions, then each new one.</summary>
public sealed class DecisionFeedTests
{
    private static readonly PhoneGroups.Policy.Compilation.CompiledPolicy Policy =
        PolicyLoader.LoadText("version: 1\ngroups:\n  - name: Sales\n    members: [\"2001\", \"2002\"]\n", "policy").Policy!;

    [Fact]
    public void Recent_KeepsTheLast200_OldestFirst()
    {
        var feed = new DecisionFeed();
        for (var i = 0; i < DecisionFeed.Capacity + 5; i++)
        {
            feed.Add(Decision($"call-{i}"));
        }

        var recent = feed.Recent();

        Assert.Equal(DecisionFeed.Capacity, recent.Count);
        Assert.Equal("call-5", recent[0].CallId);
        Assert.Equal($"call-{DecisionFeed.Capacity + 4}", recent[^1].CallId);
        Assert.Equal("call-7", feed.Of("call-7")!.CallId);
        Assert.Null(feed.Of("call-0"));
    }

    [Fact]
    public async Task Follow_GivesTheBacklog_ThenEachNewDecision()
    {
        var feed = new DecisionFeed();
        feed.Add(Decision("before"));
        using var stop = new CancellationTokenSource();
        await using var reader = feed.FollowAsync(stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("before", reader.Current.CallId);
        var next = reader.MoveNextAsync();
        feed.Add(Decision("after"));
        Assert.True(await next);
        Assert.Equal("after", reader.Current.CallId);
        Assert.Equal("deny", reader.Current.Decision.IsAllowed ? "allow" : "deny");
    }

    private static LiveDecision Decision(string callId) =>
        new(DateTimeOffset.UnixEpoch, callId, "2001", "Sales", "5550100", Policy.Decide("2001", "5550100"));
}
