using System.Net;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Ari.Tests.Connection;

namespace PhoneGroups.Ari.Tests.Rest;

/// <summary>
/// REST over the events WebSocket (RESTRequest / RESTResponse), against a scripted socket and fake time: the
/// same answers and exceptions as over HTTP, timeouts, a dropped socket, and HTTP when Asterisk does not answer.
/// </summary>
public sealed class SocketTransportTests : IAsyncDisposable
{
    private readonly WatchedTimeProvider _time = new();
    private readonly ScriptedConnector _connector = new();
    private readonly ScriptedWebSocket _socket = new();
    private readonly ScriptedHttpHandler _http = new();
    private readonly ListLogger<AriEventConnection> _logger = new();
    private AriEventConnection? _events;
    private AriRestClient? _client;

    [Fact]
    public async Task Connect_AsksAsteriskWithAPing_ThenRequestsGoOnTheSocketNotOverHttp()
    {
        var client = Start();
        var probe = await _socket.SentAsync();
        Assert.Equal("RESTRequest", Field(probe, "type"));
        Assert.Equal("GET", Field(probe, "method"));
        Assert.Equal("asterisk/ping", Field(probe, "uri"));
        await AnswerProbeAsync(probe);

        var answering = client.AnswerAsync("c/1");
        var request = await _socket.SentAsync();
        Assert.Equal("POST", Field(request, "method"));
        Assert.Equal("channels/c%2F1/answer", Field(request, "uri"));
        _socket.Send(Response(request, 204));
        await Bounded.WaitAsync(answering, "the answer request never completed");

        Assert.Empty(_http.Requests);
        Assert.Contains(_logger.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("go over the events WebSocket", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_SendsTheQueryAsUnescapedQueryStrings_AndTheVariablesAsAJsonBody()
    {
        var client = await ReadyAsync();

        var creating = client.CreateChannelAsync(new CreateChannelRequest("Local/2001@ctx", "phonegroups")
        {
            ChannelId = "A-leg1",
            Variables = new Dictionary<string, string> { ["CONNECTEDLINE(num,i)"] = "+49 30 1234" },
        });
        var request = await _socket.SentAsync();
        Assert.Equal("channels/create", Field(request, "uri"));
        var query = Query(request);
        Assert.Equal("Local/2001@ctx", query["endpoint"]);
        Assert.Equal("phonegroups", query["app"]);
        Assert.Equal("A-leg1", query["channelId"]);
        Assert.Equal("application/json", Field(request, "content_type"));
        Assert.Equal("+49 30 1234", JsonDocument.Parse(Field(request, "message_body")).RootElement.GetProperty("variables").GetProperty("CONNECTEDLINE(num,i)").GetString());

        _socket.Send(Response(request, 200, """{"id":"A-leg1","name":"Local/2001@ctx-00000001;1","state":"Down"}"""));
        var channel = await Bounded.WaitAsync(creating, "the create request never completed");
        Assert.Equal("A-leg1", channel.Id);
    }

    [Fact]
    public async Task WhileARequestIsOnTheSocket_TheNextGoesOverHttp_NotBehindIt()
    {
        var client = await ReadyAsync();

        var first = client.GetChannelAsync("one");
        var firstRequest = await _socket.SentAsync();
        _http.Otherwise = () => ScriptedHttpHandler.Json(HttpStatusCode.OK, """{"id":"two"}""");
        Assert.Equal("two", (await Bounded.WaitAsync(client.GetChannelAsync("two"), "the second request waited for the first")).Id);
        Assert.Equal("/ari/channels/two", Assert.Single(_http.Requests).PathAndQuery);

        _socket.Send(Response(firstRequest, 200, """{"id":"one"}"""));
        Assert.Equal("one", (await Bounded.WaitAsync(first, "the first request never completed")).Id);

        var third = client.GetChannelAsync("three");
        _socket.Send(Response(await _socket.SentAsync(), 200, """{"id":"three"}"""));
        Assert.Equal("three", (await Bounded.WaitAsync(third, "the socket was not free again")).Id);
        Assert.Single(_http.Requests);
    }

    [Fact]
    public async Task Responses_InAnotherOrder_EachGoesToItsOwnRequest()
    {
        await ReadyAsync();
        var requests = _events!.Requests;

        var first = requests.SendAsync("GET", "channels/one", null, CancellationToken.None);
        var firstRequest = await _socket.SentAsync();
        var second = requests.SendAsync("GET", "channels/two", null, CancellationToken.None);
        var secondRequest = await _socket.SentAsync();
        _socket.Send(Response(secondRequest, 200, "two"));
        _socket.Send(Response(firstRequest, 200, "one"));

        Assert.Equal("one", (await Bounded.WaitAsync(first, "the first request never completed")).Body);
        Assert.Equal("two", (await Bounded.WaitAsync(second, "the second request never completed")).Body);
    }

    [Fact]
    public async Task ErrorStatuses_ThrowTheExceptionsHttpThrows_AndTeardownTakes404AsGone()
    {
        var client = await ReadyAsync();

        var answering = client.AnswerAsync("gone");
        _socket.Send(Response(await _socket.SentAsync(), 404, """{"message":"Channel not found"}"""));
        var notFound = await Assert.ThrowsAsync<AriNotFoundException>(() => Bounded.WaitAsync(answering, "no answer"));
        Assert.Equal("Channel not found", notFound.AsteriskMessage);

        var adding = client.AddChannelsAsync("b", ["x"]);
        _socket.Send(Response(await _socket.SentAsync(), 422, """{"message":"Channel not in Stasis application"}"""));
        await Assert.ThrowsAsync<AriUnprocessableException>(() => Bounded.WaitAsync(adding, "no answer"));

        var dialing = client.DialAsync("x");
        _socket.Send(Response(await _socket.SentAsync(), 409, """{"message":"Channel is not in the Stasis application"}"""));
        await Assert.ThrowsAsync<AriConflictException>(() => Bounded.WaitAsync(dialing, "no answer"));

        var hangingUp = client.HangupAsync("gone", 16);
        var hangup = await _socket.SentAsync();
        Assert.Equal("DELETE", Field(hangup, "method"));
        Assert.Equal("16", Query(hangup)["reason_code"]);
        _socket.Send(Response(hangup, 404, """{"message":"Channel not found"}"""));
        Assert.False(await Bounded.WaitAsync(hangingUp, "no answer"));

        var creating = client.CreateBridgeAsync("b");
        _socket.Send(Response(await _socket.SentAsync(), 500, """{"message":"Failed to create bridge"}"""));
        var failed = await Assert.ThrowsAsync<AriException>(() => Bounded.WaitAsync(creating, "no answer"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
    }

    [Fact]
    public async Task NoAnswer_FailsAfterTheRequestTimeout_AsOverHttp()
    {
        var client = await ReadyAsync();

        var answering = client.AnswerAsync("slow");
        await _socket.SentAsync();
        Assert.Equal(TimeSpan.FromSeconds(10), await _time.AdvanceToNextTimerAsync("the request timeout"));

        var error = await Assert.ThrowsAsync<AriException>(() => Bounded.WaitAsync(answering, "the request never timed out"));
        Assert.Equal((HttpStatusCode)0, error.Status);
        Assert.Contains("no answer within 10 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _events!.Requests.Pending);
    }

    [Fact]
    public async Task SocketDrops_WaitingRequestsFailAtOnce_AndTheNextOnesGoOverHttp()
    {
        var client = await ReadyAsync();
        var answering = client.AnswerAsync("c1");
        await _socket.SentAsync();

        _socket.CloseFromServer();

        var error = await Assert.ThrowsAsync<AriException>(() => Bounded.WaitAsync(answering, "the request did not fail when the socket closed"));
        Assert.Equal((HttpStatusCode)0, error.Status);
        Assert.Contains("closed before Asterisk answered", error.Message, StringComparison.Ordinal);

        await Bounded.WaitAsync(client.AnswerAsync("c2"), "the next request did not go over HTTP");
        Assert.Equal("/ari/channels/c2/answer", Assert.Single(_http.Requests).PathAndQuery);
    }

    [Fact]
    public async Task AsteriskNeverAnswersOnTheSocket_RequestsStayOnHttp()
    {
        var client = Start();
        await _socket.SentAsync(); // the ping an Asterisk older than 22.4 ignores
        Assert.Equal(TimeSpan.FromSeconds(5), await _time.AdvanceToNextTimerAsync("the probe's timeout"));
        await Bounded.WaitAsync(Until(() => _logger.Lines.Any(l => l.Level == LogLevel.Warning)), "no warning about the unanswered probe");

        await Bounded.WaitAsync(client.AnswerAsync("c1"), "the request did not go over HTTP");

        Assert.Single(_http.Requests);
        Assert.False(_socket.HasUnreadSent);
        Assert.Contains(_logger.Lines, l => l.Message.Contains("needs Asterisk 22.4 or later", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HttpTransport_NeverAsksOnTheSocket()
    {
        var client = Start(AriRestTransport.Http);
        await StateAsync(s => s.IsConnected);

        await Bounded.WaitAsync(client.AnswerAsync("c1"), "the request did not go over HTTP");

        Assert.Single(_http.Requests);
        Assert.False(_socket.HasUnreadSent);
    }

    [Fact]
    public async Task AResponse_DoesNotHoldTheReceiveLoop_WhileItsRequestIsStillBeingHandled()
    {
        var client = await ReadyAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nextEvent = _events!.Events.OfType<StasisStart>().FirstAsync().ToTask();

        // The code that waited for the answer does slow work before it returns.
        var handling = client.AnswerAsync("c1").ContinueWith(_ => release.Task.Wait(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _socket.Send(Response(await _socket.SentAsync(), 204));
        _socket.Send("""{"type":"StasisStart","application":"phonegroups","args":[],"channel":{"id":"c2"}}""");

        Assert.Equal("c2", (await Bounded.WaitAsync(nextEvent, "the event after the response was held back")).Channel.Id);
        release.SetResult();
        await Bounded.WaitAsync(handling, "the handler never ended");
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_events is not null)
        {
            await _events.DisposeAsync();
        }
    }

    private AriRestClient Start(AriRestTransport transport = AriRestTransport.WebSocket)
    {
        var options = Options.Create(new AriOptions { Url = "http://127.0.0.1:8088", User = "phonegroups", Password = "pw", App = "phonegroups", RestTransport = transport });
        _connector.Accept(_socket);
        _events = new AriEventConnection(options, _logger, _time, _connector.ConnectAsync);
        _client = new AriRestClient(new HttpClient(_http), options, NullLogger<AriRestClient>.Instance, _time, ownsHttp: true, events: _events);
        _events.Start();
        return _client;
    }

    private async Task<AriRestClient> ReadyAsync()
    {
        var client = Start();
        await AnswerProbeAsync(await _socket.SentAsync());
        return client;
    }

    private async Task AnswerProbeAsync(string probe)
    {
        _socket.Send(Response(probe, 200, """{"ping":"pong"}"""));
        await Bounded.WaitAsync(Until(() => _events!.Requests.IsReady), "Asterisk answered the ping, yet requests do not go on the socket");
    }

    private Task StateAsync(Func<AriConnectionState, bool> predicate) =>
        Bounded.WaitAsync(_events!.States.Where(predicate).FirstAsync().ToTask(), "never connected");

    private static async Task<bool> Until(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(5);
        }

        return true;
    }

    private static string Field(string json, string name) => JsonDocument.Parse(json).RootElement.GetProperty(name).GetString()!;

    private static Dictionary<string, string> Query(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("query_strings").EnumerateArray()
            .ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("value").GetString()!);

    /// <summary>Asterisk's answer to <paramref name="request"/>, as 22.10 sends it.</summary>
    private static string Response(string request, int status, string body = "") => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["type"] = "RESTResponse",
        ["transaction_id"] = string.Empty,
        ["request_id"] = Field(request, "request_id"),
        ["status_code"] = status,
        ["reason_phrase"] = string.Empty,
        ["uri"] = Field(request, "uri"),
        ["content_type"] = "application/json",
        ["message_body"] = body,
    });
}
