using System.Net;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Tests.Calls;

/// <summary>At every connection the controller asks Asterisk not to send the events no call reads.</summary>
public sealed class UnusedEventsTests
{
    [Fact]
    public async Task EveryConnection_FiltersOutTheEventsNoCallReads()
    {
        await using var sut = new ControllerUnderTest();
        await sut.StartAsync();
        await Eventually.Async(() => sut.Ari.Received(1).SetEventFilterAsync(
            CallPipelineTests.App, Arg.Is<IReadOnlyList<string>>(t => t.SequenceEqual(new[] { "ChannelVarset", "ChannelConnectedLine", "ChannelDialplan" })), Arg.Any<CancellationToken>()));

        sut.Asterisk.Reconnected(); // a new application in Asterisk: the filter went with the old one
        await Eventually.Async(() => sut.Ari.Received(2).SetEventFilterAsync(CallPipelineTests.App, Arg.Any<IReadOnlyList<string>>(), Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task FilterRefused_IsAWarning_AndRecoveryStillRuns()
    {
        await using var sut = new ControllerUnderTest();
        sut.Ari.SetEventFilterAsync(default!, default!, default).ThrowsAsyncForAnyArgs(
            new AriException(HttpStatusCode.NotFound, "Resource not found", "PUT", "applications/phonegroups/eventFilter"));

        await sut.StartAsync();

        await Eventually.Async(() => sut.Ari.Received().ListChannelsAsync(Arg.Any<CancellationToken>())); // recovery
        await Eventually.True(() => sut.Log.Lines.Any(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("event filter", StringComparison.Ordinal)));
        Assert.True(sut.Pipeline.IsRunning);
    }
}
