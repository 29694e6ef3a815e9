using System.Net;
using System.Text.RegularExpressions;

namespace PhoneGroups.Tests.Web;

/// <summary>A browser's session as the server sees it: cookies kept, redirects not followed, forms posted with the page's anti-forgery token.</summary>
internal sealed partial class ConsoleSession : IDisposable
{
    private ConsoleSession(Uri baseAddress) =>
        Client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public HttpClient Client { get; }

    public static ConsoleSession Anonymous(Uri baseAddress) => new(baseAddress);

    public static async Task<ConsoleSession> SignedInAsync(Uri baseAddress, string name, string password)
    {
        var session = new ConsoleSession(baseAddress);
        var answer = await session.SignInAsync(name, password);
        return answer.StatusCode == HttpStatusCode.Redirect ? session : throw new InvalidOperationException($"sign-in as {name} answered {answer.StatusCode}");
    }

    public Task<HttpResponseMessage> SignInAsync(string name, string password) => PostAsync("signin", "signin", ("Name", name), ("Password", password));

    /// <summary>Posts a form to <paramref name="path"/> with the anti-forgery token of the page <paramref name="formPage"/>, as the browser would.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string formPage, params (string Name, string Value)[] fields)
    {
        var html = await Client.GetStringAsync(formPage);
        var token = TokenInput().Match(html).Groups[1].Value;
        return await Client.PostAsync(path, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
