using System.Net;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Ari.Tests.Rest;

/// <summary>ARI errors become typed exceptions with Asterisk's words; retries only where repeating is safe.</summary>
public sealed class ErrorTests
{
    private readonly ScriptedHttpHandler _asterisk = new();

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(AriNotFoundException))]
    [InlineData(HttpStatusCode.Conflict, typeof(AriConflictException))]
    [InlineData(HttpStatusCode.UnprocessableEntity, typeof(AriUnprocessableException))]
    [InlineData(HttpStatusCode.BadRequest, typeof(AriException))]
    public async Task ErrorStatus_BecomesItsTypedException_WithAsterisksMessage(HttpStatusCode status, Type expected)
    {
        _asterisk.Then(status, """{"message":"Channel not in Stasis application"}""");

        var error = await Assert.ThrowsAnyAsync<AriException>(() => ClientFactory.Over(_asterisk).AnswerAsync("c1"));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
        Assert.Equal("Channel not in Stasis application", error.AsteriskMessage);
        Assert.Contains("channels/c1/answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeardownOfSomethingAlreadyGone_IsNotAnError()
    {
        _asterisk.Then(HttpStatusCode.NotFound, """{"message":"Channel not found"}""");
        _asterisk.Then(HttpStatusCode.NotFound, """{"message":"Bridge not found"}""");
        _asterisk.Then(HttpStatusCode.NoContent);
        var client = ClientFactory.Over(_asterisk);

        Assert.False(await client.HangupAsync("gone"));
        Assert.False(await client.DestroyBridgeAsync("gone"));
        Assert.True(await client.HangupAsync("here"));
    }

    [Fact]
    public async Task MissingSound_IsNull()
    {
        _asterisk.Then(HttpStatusCode.NotFound, """{"message":"Sound not found"}""");

        Assert.Null(await ClientFactory.Over(_asterisk).GetSoundAsync("phonegroups-forbidden"));
    }

    [Fact]
    public async Task TransientFailureOfARead_IsRetried()
    {
        _asterisk.Then(HttpStatusCode.ServiceUnavailable).Then(() => throw new HttpRequestException("connection reset"))
            .Then(HttpStatusCode.OK, """[{"id":"c1","name":"PJSIP/1001-1","state":"Up"}]""");

        var channels = await ClientFactory.Over(_asterisk).ListChannelsAsync();

        Assert.Equal("c1", Assert.Single(channels).Id);
        Assert.Equal(3, _asterisk.Requests.Count);
    }

    [Fact]
    public async Task TransientFailureOfAnAction_IsNotRepeated()
    {
        // A second originate could place a second call.
        _asterisk.Otherwise = () => ScriptedHttpHandler.Json(HttpStatusCode.InternalServerError, """{"message":"Allocation failed"}""");

        var error = await Assert.ThrowsAsync<AriException>(() => ClientFactory.Over(_asterisk).OriginateAsync(new OriginateRequest("PJSIP/2001") { App = "phonegroups" }));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Single(_asterisk.Requests);
    }

    [Fact]
    public async Task ReadThatKeepsFailing_GivesUpAfterThreeRetries()
    {
        _asterisk.Otherwise = () => ScriptedHttpHandler.Json(HttpStatusCode.BadGateway, string.Empty);

        await Assert.ThrowsAsync<AriException>(() => ClientFactory.Over(_asterisk).GetChannelAsync("c1"));

        Assert.Equal(4, _asterisk.Requests.Count);
    }

    [Fact]
    public async Task ThePassword_NeverAppearsInErrors()
    {
        _asterisk.Then(HttpStatusCode.Unauthorized, """{"message":"Authentication required"}""");
        _asterisk.Then(() => throw new HttpRequestException("Connection refused (127.0.0.1:8088)"));

        var refused = await Assert.ThrowsAnyAsync<AriException>(() => ClientFactory.Over(_asterisk).AnswerAsync("c1"));
        var unreachable = await Assert.ThrowsAnyAsync<AriException>(() => ClientFactory.Over(_asterisk).AnswerAsync("c1"));

        Assert.DoesNotContain(ClientFactory.Password, refused.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientFactory.Password, unreachable.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (int)unreachable.Status);
    }
}
