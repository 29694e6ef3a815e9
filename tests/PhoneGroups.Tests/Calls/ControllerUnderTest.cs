using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Calls;
using PhoneGroups.Configuration;
using PhoneGroups.Observability;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Tests.Calls;

/// <summary>
/// The call controller with a scripted ARI: the test sends what Asterisk would send and checks what the
/// controller asked of Asterisk. Logic only: what calls do on a real Asterisk is in the integration tests.
/// Its clock stands still unless the test moves it (a <see cref="FakeTimeProvider"/> by default): no timer of a
/// call (a password's digit pause, a transferer's grace) fires while a test runs unless the test says so.
/// </summary>
internal sealed class ControllerUnderTest : IAsyncDisposable
{
    public const string DefaultPolicy = """
        version: 1
        groups:
          - name: Sales
            members: ["2001", "2002", "2003", "2004"]
          - name: Finance
            isolated: true
            members: ["1001"]
        """;

    public ControllerUnderTest(string policy = DefaultPolicy, TimeProvider? time = null, CallOptions? options = null, Microsoft.Extensions.Hosting.IHostApplicationLifetime? lifetime = null)
    {
        Time = time ?? new FakeTimeProvider();
        var loaded = PolicyLoader.LoadText(policy);
        Assert.True(loaded.Success, string.Join("; ", loaded.Errors));
        var store = new PolicyStore(loaded.Policy!);
        Ari.PlayAsync(default!, default!).ReturnsForAnyArgs(call => new Playback { Id = call.ArgAt<string?>(3) ?? "p" });
        Ari.HangupAsync(default!).ReturnsForAnyArgs(true);
        Ari.ListChannelsAsync(default).ReturnsForAnyArgs(Array.Empty<Channel>());
        Ari.ListBridgesAsync(default).ReturnsForAnyArgs(Array.Empty<Bridge>());
        Controller = new CallController(
            Asterisk,
            Ari,
            Options.Create(new AriOptions { Url = "http://127.0.0.1:8088", User = "u", Password = "p", App = CallPipelineTests.App }),
            Options.Create(options ?? new CallOptions { TransferSettleMilliseconds = 0 }),
            store,
            Time,
            new ControllerMetrics(store),
            Pipeline,
            new LoggerFactory([Log]).CreateLogger<CallController>(),
            lifetime);
    }

    public ScriptedEventSource Asterisk { get; } = new();

    /// <summary>The controller's clock.</summary>
    public TimeProvider Time { get; }

    public IAriClient Ari { get; } = Substitute.For<IAriClient>();

    public PipelineHealth Pipeline { get; } = new();

    public RecordingLoggerProvider Log { get; } = new();

    public CallController Controller { get; }

    public Task StartAsync() => Controller.StartAsync(CancellationToken.None);

    /// <summary>
    /// Stops the controller as the host does. Its waits (for calls being set up, then for their signals) run on
    /// its clock, so a standing clock is moved until the stop is over: a call left being set up then makes the
    /// stop end at its deadline (and the test fail on what it checks) instead of waiting for ever.
    /// </summary>
    public async Task StopAsync()
    {
        var stopping = Controller.StopAsync(CancellationToken.None);
        while (!stopping.IsCompleted && Time is FakeTimeProvider clock)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        await stopping;
    }

    /// <summary>Asterisk reports a dial status for a leg.</summary>
    public void DialStatus(string legId, string callerId, string status) => Asterisk.Send(new Dial
    {
        Type = nameof(Dial),
        Application = CallPipelineTests.App,
        Peer = new Channel { Id = legId },
        Caller = new Channel { Id = callerId },
        DialStatus = status,
    });

    /// <summary>
    /// A call from <paramref name="from"/> to <paramref name="to"/> whose leg rings: dialed, ringing, and the
    /// caller told so.
    /// </summary>
    public async Task RingingAsync(string callId, string from, string to)
    {
        Asterisk.CallEnters(callId, from, to);
        Asterisk.LegEnters($"{callId}-leg1");
        await Eventually.Async(() => Ari.Received().DialAsync($"{callId}-leg1", callId, 0, Arg.Any<CancellationToken>()));
        DialStatus($"{callId}-leg1", callId, "RINGING");
        await Eventually.Async(() => Ari.Received().RingAsync(callId, Arg.Any<CancellationToken>()));
    }

    /// <summary><paramref name="caller"/> calls <paramref name="callee"/> as call <paramref name="callId"/>, and the callee answers.</summary>
    public async Task BridgedAsync(string callId, string caller, string callee)
    {
        Asterisk.CallEnters(callId, caller, callee);
        await AnsweredAsync(callId);
    }

    /// <summary>The first leg of call <paramref name="callId"/> is created, enters the application and answers: the call is bridged.</summary>
    public async Task AnsweredAsync(string callId)
    {
        var leg = callId + "-leg1";
        await Eventually.Async(() => Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == leg), Arg.Any<CancellationToken>()));
        Asterisk.LegEnters(leg);
        DialStatus(leg, callId, "ANSWER");
        await InState(callId, "Bridged");
    }

    /// <summary>What Asterisk raises for a REFER on <paramref name="transfererId"/> of call A (ari-only transfer handling).</summary>
    public void BlindTransfer(string transfererId, string transfererName, string target) => Asterisk.Send(new ChannelTransfer
    {
        Type = nameof(ChannelTransfer),
        Application = CallPipelineTests.App,
        ReferTo = new ReferTo { RequestedDestination = new RequestedDestination { Destination = target } },
        ReferredBy = new ReferredBy
        {
            SourceChannel = new Channel { Id = transfererId, Name = transfererName },
            ConnectedChannel = new Channel { Id = transfererId == "A" ? "A-leg1" : "A" },
        },
    });

    /// <summary>
    /// 2001 calls 2002 (call A), who answers and transfers the caller (REFER) to <paramref name="target"/>; the
    /// target's leg A-leg2 is in the application, not yet answered.
    /// </summary>
    public async Task BlindTransferringAsync(string target)
    {
        await BridgedAsync("A", "2001", "2002");
        BlindTransfer("A-leg1", "PJSIP/2002-00000001", target);
        await InState("A", "Transferring");
        Asterisk.LegEnters("A-leg2");
    }

    /// <summary>Waits until the call <paramref name="callId"/> is in <paramref name="state"/>.</summary>
    public Task InState(string callId, string state) =>
        Eventually.True(() => Controller.Calls.Any(c => c.Id == callId && c.State.Name == state));

    /// <summary>
    /// The channels the controller asked Asterisk to add to <paramref name="bridgeId"/>, in every request so far
    /// (a call adds its caller and its callee in two requests sent together).
    /// </summary>
    public IReadOnlyList<string> AddedTo(string bridgeId) =>
    [
        .. Ari.ReceivedCalls()
            .Where(c => c.GetMethodInfo().Name == nameof(IAriClient.AddChannelsAsync) && (string)c.GetArguments()[0]! == bridgeId)
            .SelectMany(c => (IReadOnlyList<string>)c.GetArguments()[1]!),
    ];

    /// <summary>Waits until <paramref name="channels"/> (and no other) have been added to <paramref name="bridgeId"/>.</summary>
    public Task BridgedTogether(string bridgeId, params string[] channels) =>
        Eventually.True(() => AddedTo(bridgeId).Order(StringComparer.Ordinal).SequenceEqual(channels.Order(StringComparer.Ordinal)));

    public async ValueTask DisposeAsync() => await Controller.DisposeAsync();
}
