using System.Net;

namespace PhoneGroups.Ari.Connection;

/// <summary>What Asterisk answered to a request sent on the WebSocket.</summary>
internal readonly record struct AriSocketResponse(string RequestId, HttpStatusCode Status, string Body);
