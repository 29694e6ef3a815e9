using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Ari.Tests.Rest;

internal static class ClientFactory
{
    public const string Password = "s3cret-ari-password";

    public static AriRestClient Over(ScriptedHttpHandler handler) => new(
        new HttpClient(handler),
        Options.Create(new AriOptions { Url = "http://127.0.0.1:8088", User = "phonegroups", Password = Password, App = "phonegroups" }),
        NullLogger<AriRestClient>.Instance);
}
