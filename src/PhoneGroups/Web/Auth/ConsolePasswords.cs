using Microsoft.AspNetCore.Identity;
using PhoneGroups.Store;

namespace PhoneGroups.Web.Auth;

/// <summary>
/// Console passwords, hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with
/// HMAC-SHA512, a random salt and 100,000 iterations, the format versioned so that old hashes are upgraded).
/// </summary>
public static class ConsolePasswords
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinimumLength = 8;

    private static readonly PasswordHasher<ConsoleUser> Hasher = new();

    /// <summary>The hash to store for <paramref name="password"/>.</summary>
    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Whether <paramref name="password"/> is the one hashed in <paramref name="hash"/>; <paramref name="rehash"/> is set when the hash should be upgraded.</summary>
    public static bool Verify(string hash, string password, out bool rehash)
    {
        var result = Hasher.VerifyHashedPassword(null!, hash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>Why <paramref name="password"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string? password) => password switch
    {
        null or "" => "the password is empty",
        { Length: < MinimumLength } => $"the password is shorter than {MinimumLength} characters",
        { Length: > 256 } => "the password is longer than 256 characters",
        _ => null,
    };
}
