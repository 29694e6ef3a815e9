using NSubstitute;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Tests.Calls;

/// <summary>
/// A leg is created with the caller as its originator (the caller's codecs, linked id and account codes, as Dial()
/// does), except a Local channel: Asterisk 22.10 reads the originator's datastores without locking it when it makes
/// a Local pair (core_unreal.c, the cc config of the requestor), and a caller hanging up at that moment crashed
/// Asterisk in the soak. A Local leg still gets the caller's linked id when both join the call's bridge.
/// </summary>
public sealed class LegOriginatorTests : IAsyncLifetime
{
    private const string Policy = """
        version: 1
        groups:
          - name: Sales
            members:
              - "2001"
              - "2002"
              - { number: "2003", endpoint: "Local/2003@phonegroups-sim" }
              - { number: "2004", endpoint: "local/2004@phonegroups-sim" }
        """;

    private readonly ControllerUnderTest _sut = new(Policy);

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task LegToAPjsipEndpoint_HasTheCallerAsOriginator()
    {
        _sut.Asterisk.CallEnters("A", "2001", "2002");

        await Eventually.Async(() => _sut.Ari.Received(1).CreateChannelAsync(
            Arg.Is<CreateChannelRequest>(r => r.Endpoint == "PJSIP/2002" && r.Originator == "A"), Arg.Any<CancellationToken>()));
    }

    [Theory]
    [InlineData("2003", "Local/2003@phonegroups-sim")]
    [InlineData("2004", "local/2004@phonegroups-sim")]
    public async Task LegToALocalChannel_HasNoOriginator(string callee, string endpoint)
    {
        _sut.Asterisk.CallEnters("A", "2001", callee);

        await Eventually.Async(() => _sut.Ari.Received(1).CreateChannelAsync(
            Arg.Is<CreateChannelRequest>(r => r.Endpoint == endpoint && r.Originator == null), Arg.Any<CancellationToken>()));
    }
}
