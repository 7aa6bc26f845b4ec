using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Surveys;

/// <summary>
/// Secret survey links: 256 random bits, base64url in the link, and only their SHA-256 hash in the database.
/// </summary>
public static class SurveyTokens
{
    private const int TokenBytes = 32;

    /// <summary>Base64url of 32 bytes, without padding.</summary>
    public const int TokenLength = 43;

    public static (string Token, byte[] Hash) Mint()
    {
        Span<byte> secret = stackalloc byte[TokenBytes];
        RandomNumberGenerator.Fill(secret);
        var token = Base64Url.EncodeToString(secret);
        return (token, SHA256.HashData(secret));
    }

    /// <summary>The hash to look a token up by, or null when the text cannot be a token at all.</summary>
    public static byte[]? HashOf(string? token)
    {
        if (token is null || token.Length != TokenLength)
        {
            return null;
        }

        Span<byte> secret = stackalloc byte[TokenBytes];
        try
        {
            return Base64Url.TryDecodeFromChars(token, secret, out var written) && written == TokenBytes
                ? SHA256.HashData(secret)
                : null;
        }
        catch (FormatException)
        {
            // Characters outside base64url, or trailing bits a real token never has.
            return null;
        }
    }

    /// <summary>The invitation behind a secret link, or null for a link that is unknown or cannot be one.</summary>
    public static async Task<Guid?> FindInvitationAsync(IAppDbContext db, string? token, CancellationToken cancellationToken)
    {
        var hash = HashOf(token);
        if (hash is null)
        {
            return null;
        }

        return await db.SurveyLinkTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Select(t => (Guid?)t.InvitationId)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
