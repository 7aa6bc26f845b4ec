using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Email;

/// <summary>
/// Sends the due outbox messages once. Messages are claimed with a lease by a conditional UPDATE, so
/// several instances never take the same message; a message whose sender crashed comes back when its
/// lease runs out. Survey emails get their secret link here: a fresh token is minted and its hash
/// committed before the email leaves, so every link that reaches a customer works. Each of its writes takes the
/// writers' turn (<see cref="IWriterGate"/>) like a command: outside the gate, with SQLite, a queued command could find
/// the database busy and sleep in the driver's retries (see ADR 0003).
/// </summary>
public sealed class OutboxProcessor(AppDbContext db, IEmailTransport transport, IWriterGate gate, IOptions<EmailOptions> options, TimeProvider clock, ILogger<OutboxProcessor> logger)
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Claims and sends one batch; returns how many messages it handled (sent or failed).</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Dispatcher;

        // The batch is ours for the lease. Sending stops at half of it, well before another instance may take
        // the same messages: those not sent yet are simply claimed again later, so none is sent twice.
        var sendUntil = clock.GetUtcNow().AddSeconds(settings.LeaseSeconds / 2);
        var claimed = await ClaimAsync(settings, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var mime = new Dictionary<MimeMessage, OutboxMessage>();
        foreach (var message in claimed)
        {
            mime[await ToMimeAsync(message, cancellationToken)] = message;
        }

        await transport.SendAsync(
            mime.Keys.ToList(),
            (sent, error) => RecordAsync(mime[sent], error, settings, cancellationToken),
            () => clock.GetUtcNow() < sendUntil,
            cancellationToken);
        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(EmailOptions.DispatcherSettings settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        // The WHERE is evaluated again under the write lock: a row another instance claimed in between is skipped.
        var leaseUntil = now.AddSeconds(settings.LeaseSeconds);
        using (await gate.EnterAsync(cancellationToken))
        {
            await db.OutboxMessages
                .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LockedBy, _owner).SetProperty(m => m.LockedUntil, leaseUntil), cancellationToken);
        }

        return await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.LockedBy == _owner && m.Status == OutboxStatus.Pending)
            .ToListAsync(cancellationToken);
    }

    private async Task<MimeMessage> ToMimeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var text = message.TextBody;
        var html = message.HtmlBody;
        string? unsubscribeUrl = null;
        if (message.SurveyInvitationId is { } invitationId)
        {
            var (token, hash) = SurveyTokens.Mint();
            db.SurveyLinkTokens.Add(new SurveyLinkToken(invitationId, hash, clock.GetUtcNow()));
            await SaveInTurnAsync(cancellationToken);
            text = text.Replace(OutboxMessage.LinkPlaceholder, token, StringComparison.Ordinal);
            html = html.Replace(OutboxMessage.LinkPlaceholder, token, StringComparison.Ordinal);
            unsubscribeUrl = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/u/{token}/one-click";
        }

        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Headers.Add("X-ServiceExcellence-Kind", message.Kind);
        if (unsubscribeUrl is not null)
        {
            mime.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribeUrl}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return mime;
    }

    private async Task RecordAsync(OutboxMessage message, Exception? error, EmailOptions.DispatcherSettings settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var invitation = message.SurveyInvitationId is { } id
            ? await db.SurveyInvitations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            : null;
        if (error is null)
        {
            message.MarkSent(now);
            invitation?.MarkSent(now);
            logger.LogInformation("Sent {Kind} email {MessageId}", message.Kind, message.Id);
        }
        else
        {
            message.MarkAttemptFailed($"{error.GetType().Name}: {error.Message}", now, settings.MaxAttempts, TimeSpan.FromSeconds(settings.RetryBaseSeconds));
            if (message.Status == OutboxStatus.Failed)
            {
                invitation?.MarkFailed(message.LastError!);
                logger.LogError("Gave up on {Kind} email {MessageId} after {Attempts} attempts: {Error}", message.Kind, message.Id, message.Attempts, Describe(error));
            }
            else
            {
                logger.LogWarning("Email {MessageId} not sent (attempt {Attempts}), next try at {NextAttemptAt}: {Error}", message.Id, message.Attempts, message.NextAttemptAt, Describe(error));
            }
        }

        await SaveInTurnAsync(cancellationToken);
    }

    /// <summary>
    /// What the log says about a failure: the exception type and the SMTP status, never the text. Relays quote the recipient
    /// ("5.1.1 &lt;anna@…&gt;: Recipient address rejected"), and that is personal data; the full text stays on the outbox row,
    /// where administrators read it.
    /// </summary>
    private static string Describe(Exception error) => error switch
    {
        SmtpCommandException smtp => $"{nameof(SmtpCommandException)} {smtp.ErrorCode}, SMTP {(int)smtp.StatusCode}",
        SmtpProtocolException => nameof(SmtpProtocolException),
        _ => error.GetType().Name,
    };

    private async Task SaveInTurnAsync(CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
