using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ServiceExcellence.Infrastructure.Email;

/// <summary>Where emails go: an SMTP server, or a pickup folder of .eml files.</summary>
public interface IEmailTransport
{
    /// <summary>
    /// Sends the messages in order, reporting each when done. Before each message it asks
    /// <paramref name="mayContinue"/>: once that says no, the rest are left unsent and unreported.
    /// </summary>
    Task SendAsync(IReadOnlyList<MimeMessage> messages, Func<MimeMessage, Exception?, Task> onEachDone, Func<bool> mayContinue, CancellationToken cancellationToken);
}

/// <summary>Sends over SMTP with MailKit, one connection per batch.</summary>
internal sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, Func<MimeMessage, Exception?, Task> onEachDone, Func<bool> mayContinue, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The server cannot be reached: every message of the batch waits for its next attempt.
            foreach (var message in messages)
            {
                await onEachDone(message, ex);
            }

            return;
        }

        foreach (var message in messages.TakeWhile(_ => mayContinue()))
        {
            Exception? error = null;
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error = ex;
            }

            await onEachDone(message, error);
            if (error is not null && !client.IsConnected)
            {
                // The connection dropped mid-batch: the rest wait for the next attempt rather than fail one by one.
                foreach (var rest in messages.SkipWhile(m => m != message).Skip(1))
                {
                    await onEachDone(rest, error);
                }

                return;
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Writes each email as an .eml file to the pickup folder (Development), where the Outbox page lists them.</summary>
internal sealed class PickupDirectoryTransport(IOptions<EmailOptions> options, TimeProvider clock) : IEmailTransport
{
    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, Func<MimeMessage, Exception?, Task> onEachDone, Func<bool> mayContinue, CancellationToken cancellationToken)
    {
        var folder = options.Value.PickupDirectory!;
        Directory.CreateDirectory(folder);
        foreach (var message in messages.TakeWhile(_ => mayContinue()))
        {
            Exception? error = null;
            try
            {
                var name = $"{clock.GetUtcNow():yyyyMMddHHmmssfff}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
                await message.WriteToAsync(Path.Combine(folder, name), cancellationToken);
            }
            catch (IOException ex)
            {
                error = ex;
            }

            await onEachDone(message, error);
        }
    }
}
