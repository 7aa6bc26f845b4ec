using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using ServiceExcellence.Application.Webhooks;

namespace ServiceExcellence.Infrastructure.Webhooks;

/// <summary>
/// 256-bit random secrets, encrypted at rest with the app's Data Protection keys (kept in the database and shared by
/// every instance), so a copy of the endpoints table alone does not let anyone forge a signature.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider provider) : IWebhookSecrets
{
    private const string Prefix = "whsec_";

    private readonly IDataProtector _protector = provider.CreateProtector("ServiceExcellence.Webhooks.SigningSecret.v1");

    public (string Secret, string Protected) Create()
    {
        var secret = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (secret, _protector.Protect(secret));
    }

    public string Reveal(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
