using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>
/// Many calls at once through the real controller: callees that answer at once and hang up 2 s later.
/// Every answered call must be bridged (a load once lost a few: answered, never bridged, then ended by the
/// callee's own hang-up). Bounded: 96 calls, 8 at a time.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class ConcurrentCallTests(AsteriskFixture asterisk) : ControllerTest(asterisk)
{
    private const int Calls = 96;
    private const int Concurrency = 8;

    [Fact]
    public async Task AnsweredCalls_UnderConcurrency_AreAllBridged()
    {
        var placed = new System.Collections.Concurrent.ConcurrentBag<PlacedCall>();
        var next = 0;
        var workers = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= Calls)
            {
                var call = await Controller.PlaceCallAsync("2001", "2099");
                placed.Add(call);
                await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(15));
            }
        });
        await Task.WhenAll(workers);

        var bridged = Controller.Events.Snapshot().OfType<ChannelEnteredBridge>().Select(e => e.Channel.Id).ToHashSet();
        var notBridged = placed.Where(c => !bridged.Contains(c.Call)).Select(c => c.Call).ToList();
        Assert.True(notBridged.Count == 0, $"{notBridged.Count} of {Calls} answered calls were never bridged: {string.Join(", ", notBridged)}");
        await Controller.AssertNothingLeftAsync();
    }
}
