using Microsoft.AspNetCore.Identity;

namespace ServiceExcellence.Infrastructure.Identity;

/// <summary>
/// Refuses passwords from the most common breached-password lists, passwords over 64 characters, and text that is
/// not valid Unicode (an unpaired surrogate half): the hasher encodes the password as UTF-8 and would fail on it.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    private const int MaxLength = 64;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "password1", "password12", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "12345678",
        "123456789", "1234567890", "qwertyuiop", "qwerty123", "qwertyui", "iloveyou", "sunshine", "princess",
        "football", "baseball", "welcome1", "welcome123", "letmein1", "trustno1", "abc12345", "11111111",
        "00000000", "87654321", "superman", "starwars", "dragon12", "monkey12", "changeme", "administrator",
        "admin123", "qwerty12", "1q2w3e4r", "1qaz2wsx", "zaq12wsx", "asdfghjk", "zxcvbnm1", "michael1",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (password.Length > MaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords must be at most {MaxLength} characters." }));
        }

        if (!IsWellFormed(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordNotText", Description = "The password holds a character that is not valid text; type it again." }));
        }

        return Task.FromResult(Common.Contains(password) || (user.Email is { } email && password.Contains(email, StringComparison.OrdinalIgnoreCase))
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common or too easy to guess; choose another." })
            : IdentityResult.Success);
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
