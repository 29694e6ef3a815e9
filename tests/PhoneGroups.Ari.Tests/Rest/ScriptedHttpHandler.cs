using System.Net;

namespace PhoneGroups.Ari.Tests.Rest;

/// <summary>An HTTP handler that answers from a script and records what it was asked.</summary>
internal sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();

    public List<(HttpMethod Method, string PathAndQuery, string? Authorization, string? Body)> Requests { get; } = [];

    /// <summary>What every request gets once the script is used up.</summary>
    public Func<HttpResponseMessage> Otherwise { get; set; } = () => Json(HttpStatusCode.OK, "{}");

    public ScriptedHttpHandler Then(HttpStatusCode status, string body = "") => Then(() => Json(status, body));

    public ScriptedHttpHandler Then(Func<HttpResponseMessage> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!.PathAndQuery, request.Headers.Authorization?.ToString(), body));
        return (_answers.Count > 0 ? _answers.Dequeue() : Otherwise)();
    }
}
