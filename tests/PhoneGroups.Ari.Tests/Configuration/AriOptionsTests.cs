using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;

namespace PhoneGroups.Ari.Tests.Configuration;

public sealed class AriOptionsTests
{
    private static AriOptions Valid() => new() { Url = "http://127.0.0.1:8088", User = "phonegroups", Password = "pw-never-shown", App = "phonegroups" };

    [Fact]
    public void ValidOptions_Pass() => Assert.True(new AriOptionsValidation().Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData("Url", "ftp://127.0.0.1", "Ari:Url")]
    [InlineData("Url", "http://user:pw@127.0.0.1:8088", "Ari:Url must not carry credentials")]
    [InlineData("User", "", "Ari:User")]
    [InlineData("Password", "", "Ari:Password")]
    [InlineData("App", "a,b", "Ari:App")]
    public void InvalidOption_IsNamedByItsKey(string property, string value, string expected)
    {
        var options = Valid();
        typeof(AriOptions).GetProperty(property)!.SetValue(options, value);

        var result = new AriOptionsValidation().Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-never-shown", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 20.0, "Ari:TakeBackDelaySeconds must be between 0.1 and 300, not 0")]
    [InlineData(10.0, 5.0, "Ari:TakeBackMaxDelaySeconds must be between Ari:TakeBackDelaySeconds (10) and 300, not 5")]
    [InlineData(5.0, 301.0, "Ari:TakeBackMaxDelaySeconds must be between Ari:TakeBackDelaySeconds (5) and 300, not 301")]
    public void TakeBackDelays_OutOfRange_AreNamedByTheirKey(double first, double max, string expected)
    {
        var options = Valid();
        options.TakeBackDelaySeconds = first;
        options.TakeBackMaxDelaySeconds = max;

        var result = new AriOptionsValidation().Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8088", false, "ws://127.0.0.1:8088/ari/events?app=phonegroups&subscribeAll=false")]
    [InlineData("https://pbx.example:8089/", false, "wss://pbx.example:8089/ari/events?app=phonegroups&subscribeAll=false")]
    [InlineData("http://127.0.0.1:8088/asterisk", true, "ws://127.0.0.1:8088/asterisk/ari/events?app=phonegroups&subscribeAll=true")]
    public async Task EventsAddress_FollowsTheRestAddress_WithoutCredentials(string url, bool subscribeAll, string expected)
    {
        var options = Valid();
        options.Url = url;
        options.SubscribeAll = subscribeAll;
        await using var connection = new AriEventConnection(Options.Create(options), NullLogger<AriEventConnection>.Instance);

        Assert.Equal(expected, connection.EventsUri().ToString());
    }
}
