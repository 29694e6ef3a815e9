using System.Net;
using Microsoft.Extensions.Logging;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Tests.Calls;

/// <summary>On a PBX whose ari.conf lacks <c>channelvars</c>, the caller's identity is read over REST, never assumed.</summary>
public sealed class CallEvidenceTests : IAsyncLifetime
{
    private readonly ControllerUnderTest _sut = new();

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task WithoutChannelVars_TheCallerIsReadOverRest_AndAnIsolatedCallerIsDenied()
    {
        _sut.Ari.GetVariableAsync("A", "PHONEGROUPS_CALLER", Arg.Any<CancellationToken>()).Returns("1001");
        _sut.Ari.GetVariableAsync("A", "PHONEGROUPS_ORIGINAL_CALLERID", Arg.Any<CancellationToken>())
            .ThrowsAsync(new AriNotFoundException("Provided variable was not found", "GET", "channels/A/variable"));

        _sut.Asterisk.Send(CallWithoutChannelVars("A", "2001"));

        await Eventually.Async(() => _sut.Ari.Received().ProgressAsync("A", Arg.Any<CancellationToken>())); // the denial
        await _sut.Ari.DidNotReceive().CreateChannelAsync(Arg.Any<CreateChannelRequest>(), Arg.Any<CancellationToken>());
        Assert.Single(_sut.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("channelvars = PHONEGROUPS_CALLER", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenTheVariableCannotBeRead_TheCallIsNeverDecided()
    {
        _sut.Ari.GetVariableAsync("A", Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AriException(HttpStatusCode.InternalServerError, "oops", "GET", "channels/A/variable"));

        _sut.Asterisk.Send(CallWithoutChannelVars("A", "2001"));

        // The caller is still there (now and after the hang-up grace): a failure, cause 41.
        await Eventually.Async(() =>
        {
            ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)_sut.Time).Advance(TimeSpan.FromMilliseconds(100));
            return _sut.Ari.Received().HangupAsync("A", 41, Arg.Any<CancellationToken>());
        });
        await _sut.Ari.DidNotReceive().CreateChannelAsync(Arg.Any<CreateChannelRequest>(), Arg.Any<CancellationToken>());
    }

    private static StasisStart CallWithoutChannelVars(string id, string dialed) => new()
    {
        Type = nameof(StasisStart),
        Application = CallPipelineTests.App,
        Channel = new Channel { Id = id, Name = $"Local/{dialed}@phonegroups-test-0001;2", ChannelVars = null },
        Args = [dialed],
    };
}
