namespace ServiceExcellence.Application.Webhooks;

/// <summary>Makes endpoint signing secrets and keeps them encrypted at rest; the app must read them back to sign.</summary>
public interface IWebhookSecrets
{
    /// <summary>A new 256-bit secret: the text shown once to the administrator, and its encrypted form to store.</summary>
    (string Secret, string Protected) Create();

    string Reveal(string protectedSecret);
}
