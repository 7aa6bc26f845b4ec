namespace ServiceExcellence.Application.Webhooks;

/// <summary>Which URLs webhooks may be sent to: a guard against pointing the app at its own network.</summary>
public interface IWebhookAddressPolicy
{
    /// <summary>Why <paramref name="url"/> cannot receive webhooks, written for the administrator; null when it can.</summary>
    Task<string?> ProblemWithAsync(string url, CancellationToken cancellationToken);
}
