using PhoneGroups.Ari.Events;

namespace PhoneGroups.Ari.Tests.Events;

/// <summary>Events as Asterisk 22 sends them (shapes taken from a real Asterisk's WebSocket).</summary>
public sealed class EventParserTests
{
    private const string Channel = """
        {"id":"call-1","name":"PJSIP/1001-00000001","state":"Ring","protocol_id":"abc","caller":{"name":"Anna","number":"1001"},
         "connected":{"name":"","number":""},"accountcode":"","dialplan":{"context":"phones","exten":"2001","priority":1,"app_name":"Stasis","app_data":"phonegroups,2001"},
         "creationtime":"2026-11-25T05:44:58.235+0000","language":"de","channelvars":{"PHONEGROUPS_CALLER":"1001"}}
        """;

    private static T Parse<T>(string json)
        where T : AriEvent
    {
        Assert.True(AriEventParser.TryParse(json, out var parsed, out var error), error);
        return Assert.IsType<T>(parsed);
    }

    [Fact]
    public void StasisStart_CarriesArgsChannelAndVariables()
    {
        var start = Parse<StasisStart>($$"""{"type":"StasisStart","timestamp":"2026-11-25T05:44:58.300+0000","args":["2001","x"],"channel":{{Channel}},"asterisk_id":"02:fc:00:00:00:01","application":"phonegroups"}""");

        Assert.Equal("phonegroups", start.Application);
        Assert.Equal(["2001", "x"], start.Args);
        Assert.Equal("call-1", start.Channel.Id);
        Assert.Equal("1001", start.Channel.Caller.Number);
        Assert.Equal("de", start.Channel.Language);
        Assert.Equal("phones", start.Channel.Dialplan?.Context);
        Assert.Equal("1001", start.Channel.ChannelVars?["PHONEGROUPS_CALLER"]);
    }

    [Fact]
    public void ChannelTransfer_Blind_CarriesTheTransfererTheTransfereeAndTheNumber()
    {
        // The shape of main/stasis_channels.c's ari_transfer_to_json for a REFER under ari-only transfer handling.
        var transfer = Parse<ChannelTransfer>("""
            {"type":"ChannelTransfer","timestamp":"2026-12-01T12:00:00.000+0000","application":"phonegroups",
             "refer_to":{"requested_destination":{"destination":"5551234"}},
             "referred_by":{"source_channel":CHANNEL,"connected_channel":{"id":"call-1-leg1","name":"PJSIP/2001-00000002"},
                            "bridge":{"id":"call-1-bridge","name":"phonegroups:phonegroups:call-1","channels":["call-1","call-1-leg1"]}}}
            """.Replace("CHANNEL", Channel, StringComparison.Ordinal));

        Assert.Null(transfer.State);
        Assert.Equal("5551234", transfer.ReferTo.RequestedDestination.Destination);
        Assert.Null(transfer.ReferTo.RequestedDestination.ProtocolId);
        Assert.Equal("call-1", transfer.ReferredBy.SourceChannel.Id);
        Assert.Equal("call-1-leg1", transfer.ReferredBy.ConnectedChannel?.Id);
        Assert.Equal("call-1-bridge", transfer.ReferredBy.Bridge?.Id);
    }

    [Fact]
    public void ChannelTransfer_Attended_CarriesTheCallToReplace_AndProgressHasAState()
    {
        var transfer = Parse<ChannelTransfer>("""
            {"type":"ChannelTransfer","state":"channel_answered","application":"phonegroups",
             "refer_to":{"requested_destination":{"destination":"2001","protocol_id":"abc@127.0.0.21",
                         "additional_protocol_params":[{"parameter_name":"from","parameter_value":"1"}]},
                         "destination_channel":{"id":"call-2","name":"PJSIP/2001-00000003"},"connected_channel":{"id":"call-2-leg1","name":"PJSIP/trunk-a-00000004"}},
             "referred_by":{"source_channel":CHANNEL}}
            """.Replace("CHANNEL", Channel, StringComparison.Ordinal));

        Assert.Equal("channel_answered", transfer.State);
        Assert.Equal("abc@127.0.0.21", transfer.ReferTo.RequestedDestination.ProtocolId);
        Assert.Equal("call-2", transfer.ReferTo.DestinationChannel?.Id);
        Assert.Equal("call-2-leg1", transfer.ReferTo.ConnectedChannel?.Id);
    }

    [Fact]
    public void ChannelDestroyed_CarriesTheCause()
    {
        var destroyed = Parse<ChannelDestroyed>($$"""{"type":"ChannelDestroyed","cause":19,"cause_txt":"No answer","channel":{{Channel}},"application":"phonegroups"}""");

        Assert.Equal(19, destroyed.Cause);
        Assert.Equal("No answer", destroyed.CauseText);
    }

    [Fact]
    public void SoftHangupRequest_IsMarkedSoft()
    {
        var request = Parse<ChannelHangupRequest>($$"""{"type":"ChannelHangupRequest","soft":true,"cause":32,"channel":{{Channel}},"application":"phonegroups"}""");

        Assert.True(request.Soft);
        Assert.Equal(32, request.Cause);
    }

    [Fact]
    public void Dial_CarriesPeerCallerAndStatus()
    {
        var dial = Parse<Dial>($$"""{"type":"Dial","dialstatus":"RINGING","dialstring":"2001","peer":{{Channel}},"caller":{{Channel.Replace("call-1", "call-0", StringComparison.Ordinal)}},"application":"phonegroups"}""");

        Assert.Equal("RINGING", dial.DialStatus);
        Assert.Equal("call-1", dial.Peer.Id);
        Assert.Equal("call-0", dial.Caller?.Id);
    }

    [Fact]
    public void PlaybackFinished_CarriesStateAndLanguage()
    {
        var finished = Parse<PlaybackFinished>("""{"type":"PlaybackFinished","playback":{"id":"p1","media_uri":"sound:phonegroups-forbidden","target_uri":"channel:call-1","language":"de","state":"done"},"application":"phonegroups"}""");

        Assert.Equal("done", finished.Playback.State);
        Assert.Equal("de", finished.Playback.Language);
        Assert.Equal("channel:call-1", finished.Playback.TargetUri);
    }

    [Fact]
    public void ChannelEnteredBridge_CarriesTheBridgeMembers()
    {
        var entered = Parse<ChannelEnteredBridge>($$"""{"type":"ChannelEnteredBridge","bridge":{"id":"b1","technology":"simple_bridge","bridge_type":"mixing","bridge_class":"stasis","channels":["call-1","call-1-leg1"]},"channel":{{Channel}},"application":"phonegroups"}""");

        Assert.Equal("b1", entered.Bridge.Id);
        Assert.Equal(["call-1", "call-1-leg1"], entered.Bridge.Channels);
    }

    [Fact]
    public void OtherTypedEvents_Parse()
    {
        Assert.IsType<StasisEnd>(Parse<StasisEnd>($$"""{"type":"StasisEnd","channel":{{Channel}}}"""));
        Assert.Equal("Up", Parse<ChannelStateChange>($$"""{"type":"ChannelStateChange","channel":{{Channel.Replace("\"Ring\"", "\"Up\"", StringComparison.Ordinal)}}}""").Channel.State);
        Assert.Equal("5", Parse<ChannelDtmfReceived>($$"""{"type":"ChannelDtmfReceived","digit":"5","duration_ms":120,"channel":{{Channel}}}""").Digit);
        Assert.Equal("phonegroups", Parse<ApplicationReplaced>("""{"type":"ApplicationReplaced","application":"phonegroups"}""").Application);
    }

    [Fact]
    public void UnknownType_PassesThroughWithItsJson()
    {
        const string json = """{"type":"ChannelTalkingStarted","application":"phonegroups","channel":{"id":"x"}}""";

        var unknown = Parse<UnknownAriEvent>(json);

        Assert.Equal("ChannelTalkingStarted", unknown.Type);
        Assert.Equal("phonegroups", unknown.Application);
        Assert.Equal(json, unknown.Json);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"no_type":true}""")]
    [InlineData("""{"type":"StasisStart","args":"should be a list"}""")]
    public void Malformed_IsRefusedWithAReason_NotThrown(string json)
    {
        Assert.False(AriEventParser.TryParse(json, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Utf8AsTheSocketDeliversIt_ParsesLikeTheString_WhereverTheTypeStands()
    {
        var json = $$"""{"application":"phonegroups","args":["2001"],"channel":{{Channel}},"type":"StasisStart"}""";

        Assert.True(AriEventParser.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out var parsed, out var error), error);

        var start = Assert.IsType<StasisStart>(parsed);
        Assert.Equal("phonegroups", start.Application);
        Assert.Equal("call-1", start.Channel.Id);
        Assert.Equal(["2001"], start.Args);
    }

    [Fact]
    public void InvalidUtf8InACallerName_StillParses_TheBadByteReplaced()
    {
        // A broken phone's name must not cost its call the StasisStart: a skipped one would leave it in silence.
        var json = System.Text.Encoding.UTF8.GetBytes($$"""{"type":"StasisStart","application":"phonegroups","args":[],"channel":{{Channel}}}""");
        var name = Array.IndexOf(json, (byte)'A'); // "Anna"
        json[name] = 0xFF;

        Assert.True(AriEventParser.TryParse(json, out var parsed, out var error), error);

        Assert.Equal("\uFFFDnna", Assert.IsType<StasisStart>(parsed).Channel.Caller.Name);
    }

    [Theory]
    [InlineData("""{"type":"StasisEnd","channel":{"id":"x"}} trailing""")]
    [InlineData("""{"type":"ChannelTalkingStarted","channel":{"id":"x",}}""")]
    [InlineData("""{"type":"ChannelTalkingStarted","channel":{"id":"x"}""")]
    [InlineData("""{"type":42}""")]
    public void MalformedUtf8Message_IsRefusedWithAReason_NotThrown(string json)
    {
        Assert.False(AriEventParser.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out var parsed, out var error));
        Assert.Null(parsed);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
