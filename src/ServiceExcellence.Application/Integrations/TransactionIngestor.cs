using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Integrations;

public enum IngestOutcome
{
    /// <summary>Recorded now (or, in a dry run, would be).</summary>
    Created,

    /// <summary>The same reference had been recorded with the same data: nothing new was stored.</summary>
    Existing,

    /// <summary>The same reference had been recorded with different data: nothing was changed.</summary>
    Conflict,

    /// <summary>A field is missing or malformed.</summary>
    Invalid,

    /// <summary>Well formed, but refers to a client, service line or person the app does not know.</summary>
    Unresolved,
}

/// <summary>What became of one posted transaction; <c>Errors</c> name the fields as the API body does.</summary>
public sealed record IngestResult(int Index, string? ExternalReference, IngestOutcome Outcome, Guid? Id, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public bool Accepted => Outcome is IngestOutcome.Created or IngestOutcome.Existing;
}

/// <summary>
/// Records transactions that refer to clients, service lines and staff by the ids other systems know.
/// A whole batch is checked first with a handful of queries, then its good items are recorded together
/// (through the same idempotency key and survey policy as a transaction recorded by hand); bad items are
/// reported and never stop the good ones. A repeated reference is answered with the transaction recorded
/// first when the data is the same, and as a conflict when it differs.
/// </summary>
public sealed class TransactionIngestor(IAppDbContext db, IValidator<TransactionInput> validator, SurveyInviter inviter)
{
    /// <summary>Checks and records <paramref name="items"/> under <paramref name="sourceSystem"/>; with <paramref name="store"/> false, a dry run (the CSV preview): every check, nothing recorded.</summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(string sourceSystem, IReadOnlyList<TransactionInput> items, bool store, CancellationToken cancellationToken)
    {
        var source = sourceSystem.Trim().ToLowerInvariant();
        var results = new IngestResult?[items.Count];
        var valid = new List<(int Index, Parsed Item)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var validation = validator.Validate(items[i]);
            if (validation.IsValid)
            {
                valid.Add((i, Parsed.From(items[i])));
            }
            else
            {
                results[i] = new IngestResult(i, items[i].ExternalReference?.Trim(), IngestOutcome.Invalid, null, validation.Errors
                    .GroupBy(e => e.PropertyName)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
            }
        }

        var known = await LoadAsync(source, valid.Select(v => v.Item).ToList(), cancellationToken);
        var recordedNow = new Dictionary<string, (Guid Id, Parsed Item, Guid ClientId, Guid ServiceLineId, Guid? PersonId)>(StringComparer.Ordinal);

        // Thousands of entities are added here; EF would scan them all again on every look at a local view.
        // Added entities are tracked at once, and the one save at the end of the command detects the rest.
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var (index, item) in valid)
            {
                results[index] = Ingest(index, item, source, known, recordedNow, store);
            }

            if (store)
            {
                await inviter.InviteAllAsync(known.NewTransactions, cancellationToken);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }

        return results!;
    }

    private IngestResult Ingest(
        int index, Parsed item, string source, Known known,
        Dictionary<string, (Guid Id, Parsed Item, Guid ClientId, Guid ServiceLineId, Guid? PersonId)> recordedNow, bool store)
    {
        var errors = new Dictionary<string, string[]>();
        var client = known.Clients.GetValueOrDefault(item.ClientReference);
        if (client is null)
        {
            errors[TransactionFields.ClientReference] = [$"No client has the external id '{item.ClientReference}'. Set it on the client in the app, or use GET /api/v1/clients."];
        }

        var line = known.ServiceLines.GetValueOrDefault(item.ServiceLine);
        if (line is null)
        {
            errors[TransactionFields.ServiceLine] = [$"No service line has the code '{item.ServiceLine}'. See GET /api/v1/service-lines."];
        }

        Person? person = null;
        if (item.PerformedBy is { } email && !known.People.TryGetValue(email, out person))
        {
            errors[TransactionFields.PerformedBy] = [$"No member of staff has the email '{email}'."];
        }

        // A reference seen before is compared with what was recorded, whether or not its references still resolve.
        if (known.Existing.TryGetValue(item.ExternalReference, out var existing))
        {
            var differences = existing.Differences(item, client?.Id, line?.Id, person?.Id);
            return Repeat(index, item, existing.Id, differences);
        }

        if (errors.Count > 0)
        {
            return new IngestResult(index, item.ExternalReference, IngestOutcome.Unresolved, null, errors);
        }

        if (recordedNow.TryGetValue(item.ExternalReference, out var earlier))
        {
            var differences = new Recorded(earlier.Id, earlier.ClientId, earlier.Item.ContactEmail, earlier.ServiceLineId, earlier.PersonId,
                earlier.Item.OccurredAt, earlier.Item.Channel, earlier.Item.InvoicedAmount, earlier.Item.Currency)
                .Differences(item, client!.Id, line!.Id, person?.Id);
            return Repeat(index, item, earlier.Id, differences);
        }

        var id = Guid.Empty;
        if (store)
        {
            try
            {
                var contact = known.Contacts.GetValueOrDefault((client!.Id, item.ContactEmail));
                if (contact is null)
                {
                    contact = client.AddContact(item.ContactName, item.ContactEmail, item.ContactLanguage);
                    db.Contacts.Add(contact);
                    known.Contacts[(client.Id, item.ContactEmail)] = contact;
                }

                var transaction = new Transaction(
                    source, item.ExternalReference, client, contact, line!, person?.Id, null, item.OccurredAt, item.Channel, item.InvoicedAmount, item.Currency);
                db.Transactions.Add(transaction);
                known.NewTransactions.Add((transaction, client, contact, line!));
                id = transaction.Id;
            }
            catch (DomainException ex)
            {
                return new IngestResult(index, item.ExternalReference, IngestOutcome.Unresolved, null, new Dictionary<string, string[]> { [string.Empty] = [ex.Message] });
            }
        }

        recordedNow[item.ExternalReference] = (id, item, client!.Id, line!.Id, person?.Id);
        return new IngestResult(index, item.ExternalReference, IngestOutcome.Created, store ? id : null, IngestResult.NoErrors);
    }

    private static IngestResult Repeat(int index, Parsed item, Guid id, List<string> differences) =>
        differences.Count == 0
            ? new IngestResult(index, item.ExternalReference, IngestOutcome.Existing, id == Guid.Empty ? null : id, IngestResult.NoErrors)
            : new IngestResult(index, item.ExternalReference, IngestOutcome.Conflict, id == Guid.Empty ? null : id,
                differences.ToDictionary(f => f, _ => new[] { "Differs from the transaction recorded earlier under this reference." }));

    /// <summary>Everything the batch refers to, in a handful of queries whatever its size.</summary>
    private async Task<Known> LoadAsync(string source, IReadOnlyList<Parsed> items, CancellationToken cancellationToken)
    {
        var clientRefs = items.Select(i => i.ClientReference).Distinct().ToList();
        var codes = items.Select(i => i.ServiceLine).Distinct().ToList();
        var staff = items.Where(i => i.PerformedBy is not null).Select(i => i.PerformedBy!).Distinct().ToList();
        var references = items.Select(i => i.ExternalReference).Distinct().ToList();
        var emails = items.Select(i => i.ContactEmail).Distinct().ToList();

        var clients = clientRefs.Count == 0 ? [] : await db.Clients.Where(c => clientRefs.Contains(c.ExternalId!)).ToListAsync(cancellationToken);
        var clientIds = clients.Select(c => c.Id).ToList();
        var contacts = clientIds.Count == 0 ? [] : await db.Contacts
            .Where(k => clientIds.Contains(k.ClientId) && emails.Contains(k.Email!))
            .ToListAsync(cancellationToken);
        var lines = codes.Count == 0 ? [] : await db.ServiceLines.Where(s => codes.Contains(s.Code)).ToListAsync(cancellationToken);
        var people = staff.Count == 0 ? [] : await db.People.AsNoTracking().Where(p => staff.Contains(p.Email)).ToListAsync(cancellationToken);
        var existing = references.Count == 0 ? [] : await db.Transactions.AsNoTracking()
            .Where(t => t.SourceSystem == source && references.Contains(t.ExternalReference))
            .Select(t => new
            {
                t.ExternalReference,
                Recorded = new Recorded(
                    t.Id, t.ClientId, db.Contacts.Where(k => k.Id == t.ContactId).Select(k => k.Email).FirstOrDefault(), t.ServiceLineId,
                    t.PerformedByPersonId, t.OccurredAt, t.Channel, t.InvoicedAmount, t.Currency),
            })
            .ToListAsync(cancellationToken);

        return new Known(
            clients.ToDictionary(c => c.ExternalId!, StringComparer.Ordinal),
            contacts.GroupBy(k => (k.ClientId, k.Email!)).ToDictionary(g => g.Key, g => g.First()),
            lines.ToDictionary(s => s.Code, StringComparer.Ordinal),
            people.ToDictionary(p => p.Email, StringComparer.Ordinal),
            existing.ToDictionary(e => e.ExternalReference, e => e.Recorded, StringComparer.Ordinal));
    }

    private sealed record Known(
        Dictionary<string, Client> Clients,
        Dictionary<(Guid ClientId, string Email), Contact> Contacts,
        Dictionary<string, ServiceLine> ServiceLines,
        Dictionary<string, Person> People,
        Dictionary<string, Recorded> Existing)
    {
        public List<(Transaction Transaction, Client Client, Contact Contact, ServiceLine ServiceLine)> NewTransactions { get; } = [];
    }

    /// <summary>The data of a recorded transaction that a repeat must match.</summary>
    private sealed record Recorded(
        Guid Id, Guid ClientId, string? ContactEmail, Guid ServiceLineId, Guid? PersonId, DateTimeOffset OccurredAt, Channel Channel,
        decimal InvoicedAmount, string Currency)
    {
        public List<string> Differences(Parsed item, Guid? clientId, Guid? serviceLineId, Guid? personId)
        {
            var fields = new List<string>();
            if (clientId != ClientId)
            {
                fields.Add(TransactionFields.ClientReference);
            }

            if (!string.Equals(item.ContactEmail, ContactEmail, StringComparison.Ordinal))
            {
                fields.Add(TransactionFields.ContactEmail);
            }

            if (serviceLineId != ServiceLineId)
            {
                fields.Add(TransactionFields.ServiceLine);
            }

            if (personId != PersonId)
            {
                fields.Add(TransactionFields.PerformedBy);
            }

            if (item.OccurredAt.UtcTicks != OccurredAt.UtcTicks)
            {
                fields.Add(TransactionFields.OccurredAt);
            }

            if (item.Channel != Channel)
            {
                fields.Add(TransactionFields.Channel);
            }

            // SQLite keeps money as REAL: compare to the cent.
            if (decimal.Round(item.InvoicedAmount, 2) != decimal.Round(InvoicedAmount, 2))
            {
                fields.Add(TransactionFields.InvoicedAmount);
            }

            if (!string.Equals(item.Currency, Currency, StringComparison.Ordinal))
            {
                fields.Add(TransactionFields.Currency);
            }

            return fields;
        }
    }

    /// <summary>A valid input, normalised the way the domain stores it.</summary>
    private sealed record Parsed(
        string ExternalReference, string ClientReference, string ContactEmail, string ContactName, string ContactLanguage,
        string ServiceLine, string? PerformedBy, DateTimeOffset OccurredAt, Channel Channel, decimal InvoicedAmount, string Currency)
    {
        public static Parsed From(TransactionInput input)
        {
            var email = input.Contact!.Email!.Trim().ToLowerInvariant();
            // The default name is the part before the @, cut to the column: an address may be longer than a name.
            var name = string.IsNullOrWhiteSpace(input.Contact.Name)
                ? email[..Math.Min(email.IndexOf('@', StringComparison.Ordinal), Limits.Name)]
                : input.Contact.Name.Trim();
            return new Parsed(
                input.ExternalReference!.Trim(),
                input.ClientReference!.Trim(),
                email,
                name,
                string.IsNullOrWhiteSpace(input.Contact.Language) ? "en" : input.Contact.Language.Trim().ToLowerInvariant(),
                ServiceExcellence.Domain.ServiceLines.ServiceLine.NormaliseCode(input.ServiceLine),
                string.IsNullOrWhiteSpace(input.PerformedBy) ? null : input.PerformedBy.Trim().ToLowerInvariant(),
                TransactionInputValidator.ParseInstant(input.OccurredAt)!.Value,
                string.IsNullOrWhiteSpace(input.Channel) ? Channel.Other : TransactionInputValidator.ParseChannel(input.Channel)!.Value,
                input.InvoicedAmount ?? 0m,
                string.IsNullOrWhiteSpace(input.Currency) ? "EUR" : input.Currency.Trim().ToUpperInvariant());
        }
    }
}
