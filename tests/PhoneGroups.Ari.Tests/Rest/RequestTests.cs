using System.Net;
using System.Text;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Ari.Tests.Rest;

/// <summary>The requests the client sends for the calls a controller makes.</summary>
public sealed class RequestTests
{
    private readonly ScriptedHttpHandler _asterisk = new();

    [Fact]
    public async Task EveryRequest_CarriesBasicAuth_UnderAri()
    {
        await ClientFactory.Over(_asterisk).AnswerAsync("c1");

        var request = Assert.Single(_asterisk.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/ari/channels/c1/answer", request.PathAndQuery);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("phonegroups:" + ClientFactory.Password)), request.Authorization);
    }

    [Fact]
    public async Task CreateChannel_SendsIdsInTheQuery_AndVariablesInTheBody()
    {
        _asterisk.Then(HttpStatusCode.OK, """{"id":"c1-leg1","name":"PJSIP/2001-01","state":"Down"}""");

        var channel = await ClientFactory.Over(_asterisk).CreateChannelAsync(new CreateChannelRequest("PJSIP/2001", "phonegroups")
        {
            ChannelId = "c1-leg1",
            Originator = "c1",
            Variables = new Dictionary<string, string> { ["CONNECTEDLINE(num,i)"] = "5550100" },
        });

        Assert.Equal("c1-leg1", channel.Id);
        var request = Assert.Single(_asterisk.Requests);
        Assert.StartsWith("/ari/channels/create?", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("endpoint=PJSIP%2F2001", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("channelId=c1-leg1", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("originator=c1", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("""{"variables":{"CONNECTEDLINE(num,i)":"5550100"}}""", request.Body);
    }

    [Fact]
    public async Task Dial_Hangup_Play_Continue_BuildTheirQueries()
    {
        var client = ClientFactory.Over(_asterisk);
        _asterisk.Otherwise = () => ScriptedHttpHandler.Json(HttpStatusCode.OK, """{"id":"p1"}""");

        await client.DialAsync("leg", "c1", 30);
        await client.HangupAsync("c1", 21);
        await client.PlayAsync("c1", ["sound:phonegroups-forbidden"], "de", "c1-denial");
        await client.ContinueAsync("c1", "controller-down", "2001", 1);

        var paths = _asterisk.Requests.Select(r => r.Method + " " + r.PathAndQuery).ToList();
        Assert.Equal("POST /ari/channels/leg/dial?caller=c1&timeout=30", paths[0]);
        Assert.Equal("DELETE /ari/channels/c1?reason_code=21", paths[1]);
        Assert.StartsWith("POST /ari/channels/c1/play?", paths[2], StringComparison.Ordinal);
        Assert.Contains("media=sound%3Aphonegroups-forbidden", paths[2], StringComparison.Ordinal);
        Assert.Contains("lang=de", paths[2], StringComparison.Ordinal);
        Assert.Contains("playbackId=c1-denial", paths[2], StringComparison.Ordinal);
        Assert.Equal("POST /ari/channels/c1/continue?context=controller-down&extension=2001&priority=1", paths[3]);
    }

    [Fact]
    public async Task IdsWithReservedCharacters_AreEscaped()
    {
        await ClientFactory.Over(_asterisk).AnswerAsync("Local/2001@ctx;2");

        Assert.Equal("/ari/channels/Local%2F2001%40ctx%3B2/answer", Assert.Single(_asterisk.Requests).PathAndQuery);
    }
}
