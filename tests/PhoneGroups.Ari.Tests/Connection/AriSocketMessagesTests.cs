using System.Net;
using System.Text;
using PhoneGroups.Ari.Connection;

namespace PhoneGroups.Ari.Tests.Connection;

/// <summary>Reading a RESTResponse as the events WebSocket delivers it, and telling it from an event.</summary>
public sealed class AriSocketMessagesTests
{
    private static bool Read(string json, out AriSocketResponse response) =>
        AriSocketMessages.TryReadResponse(Encoding.UTF8.GetBytes(json), out response);

    [Fact]
    public void Response_WithItsBodyAsAsteriskSendsIt_AStringOfJson()
    {
        Assert.True(Read("""{"type":"RESTResponse","transaction_id":"t","request_id":"7","status_code":200,"reason_phrase":"OK","uri":"channels","content_type":"application/json","message_body":"{\"id\":\"c1\"}"}""", out var response));

        Assert.Equal(new AriSocketResponse("7", HttpStatusCode.OK, """{"id":"c1"}"""), response);
    }

    [Theory]
    [InlineData("""{"request_id":"8","status_code":204,"message_body":null,"type":"RESTResponse"}""", "")]
    [InlineData("""{"type":"RESTResponse","request_id":"8","status_code":204}""", "")]
    [InlineData("""{"type":"RESTResponse","request_id":"8","status_code":204,"message_body":{"a":[1,2]}}""", """{"a":[1,2]}""")]
    public void Response_WithoutABodyOrWithARawOne_WhereverTheTypeStands(string json, string body)
    {
        Assert.True(Read(json, out var response));

        Assert.Equal("8", response.RequestId);
        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal(body, response.Body);
    }

    [Theory]
    [InlineData("""{"type":"StasisStart","application":"phonegroups","channel":{"id":"x"}}""")]
    [InlineData("""{"type":"RESTResponse","status_code":200}""")]
    [InlineData("""{"type":"RESTResponse","request_id":"9","status_code":"200"}""")]
    [InlineData("""{"type":"RESTResponse","request_id":"9","status_code":200""")]
    [InlineData("not json")]
    [InlineData("[]")]
    public void AnEvent_OrAResponseWithoutItsIdOrStatus_IsNoResponse(string json)
    {
        Assert.False(Read(json, out _));
    }
}
