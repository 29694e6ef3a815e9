using System.Security.Cryptography;
using System.Text;

namespace PhoneGroups.Store;

/// <summary>
/// Makes and hashes token secrets. A secret is 32 random bytes, so a plain SHA-256 is enough (no password
/// stretching is needed for a value nobody can guess); only the hash is stored.
/// </summary>
public static class TokenSecrets
{
    /// <summary>The prefix that makes a PhoneGroups token recognizable in logs and secret scanners.</summary>
    public const string Prefix = "pgt_";

    /// <summary>A new secret token text.</summary>
    public static string Create() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of <paramref name="token"/>.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
