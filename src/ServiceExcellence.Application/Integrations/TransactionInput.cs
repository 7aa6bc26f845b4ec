using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Integrations;

/// <summary>
/// A transaction as an integrating system sends it (API body, CSV row): everything is referred to by the
/// ids other systems know — the client's external id, the service line's code, the staff member's email.
/// </summary>
public sealed record TransactionInput
{
    /// <summary>The transaction's id in the sending system; unique per source system, and what makes posting idempotent.</summary>
    public string? ExternalReference { get; init; }

    /// <summary>The client's external id (its id in the CRM or billing system), as set on the client in the app.</summary>
    public string? ClientReference { get; init; }

    /// <summary>The person at the client who is asked to rate it; created under the client when the email is new.</summary>
    public ContactInput? Contact { get; init; }

    /// <summary>The service line's code, e.g. <c>REPAIR</c>.</summary>
    public string? ServiceLine { get; init; }

    /// <summary>Email of the member of staff who performed it (optional).</summary>
    public string? PerformedBy { get; init; }

    /// <summary>When it happened: ISO 8601 with a UTC offset, e.g. <c>2026-06-14T15:30:00+02:00</c>.</summary>
    public string? OccurredAt { get; init; }

    /// <summary>Phone, Email, OnSite, Web, Chat or Other (default Other).</summary>
    public string? Channel { get; init; }

    /// <summary>What was invoiced for it (default 0).</summary>
    public decimal? InvoicedAmount { get; init; }

    /// <summary>ISO 4217 code, e.g. EUR; required with an invoiced amount (default EUR).</summary>
    public string? Currency { get; init; }
}

public sealed record ContactInput
{
    public string? Email { get; init; }

    /// <summary>Used when the contact is new; defaults to the part of the email before the @.</summary>
    public string? Name { get; init; }

    /// <summary>Language of the survey for a new contact, e.g. <c>en</c> or <c>de</c> (default en).</summary>
    public string? Language { get; init; }
}

/// <summary>The field names used in error messages, as they appear in the API body (and as CSV mapping targets).</summary>
public static class TransactionFields
{
    public const string ExternalReference = "externalReference";
    public const string ClientReference = "clientReference";
    public const string Contact = "contact";
    public const string ContactEmail = "contact.email";
    public const string ContactName = "contact.name";
    public const string ContactLanguage = "contact.language";
    public const string ServiceLine = "serviceLine";
    public const string PerformedBy = "performedBy";
    public const string OccurredAt = "occurredAt";
    public const string Channel = "channel";
    public const string InvoicedAmount = "invoicedAmount";
    public const string Currency = "currency";
}

/// <summary>The checks that need no database: required fields, formats, lengths.</summary>
public sealed partial class TransactionInputValidator : AbstractValidator<TransactionInput>
{
    public TransactionInputValidator(TimeProvider clock)
    {
        RuleFor(t => t.ExternalReference).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Send the transaction's reference in your system: it is what makes posting idempotent.")
            .MaximumLength(Limits.ExternalReference).WithMessage($"At most {Limits.ExternalReference} characters.")
            .OverridePropertyName(TransactionFields.ExternalReference);
        RuleFor(t => t.ClientReference).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Send the client's external id.")
            .MaximumLength(Limits.ExternalReference).WithMessage($"At most {Limits.ExternalReference} characters.")
            .OverridePropertyName(TransactionFields.ClientReference);
        RuleFor(t => t.Contact).NotNull().WithMessage("Send the contact to survey, at least their email.")
            .OverridePropertyName(TransactionFields.Contact);
        RuleFor(t => t.Contact!.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Send the contact's email.")
            .MaximumLength(Limits.Email).WithMessage($"At most {Limits.Email} characters.")
            .Must(BeAnEmail).WithMessage("Not an email address.")
            .OverridePropertyName(TransactionFields.ContactEmail)
            .When(t => t.Contact is not null);
        RuleFor(t => t.Contact!.Name).MaximumLength(Limits.Name).WithMessage($"At most {Limits.Name} characters.")
            .OverridePropertyName(TransactionFields.ContactName)
            .When(t => t.Contact is not null);
        RuleFor(t => t.Contact!.Language)
            .Must(l => string.IsNullOrWhiteSpace(l) || (LanguageTag().IsMatch(l.Trim()) && l.Trim().Length <= Limits.Language))
            .WithMessage($"A language tag such as en, de or pt-BR, at most {Limits.Language} characters.")
            .OverridePropertyName(TransactionFields.ContactLanguage)
            .When(t => t.Contact is not null);
        RuleFor(t => t.ServiceLine).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Send the service line's code.")
            .MaximumLength(Limits.Code).WithMessage($"At most {Limits.Code} characters.")
            .OverridePropertyName(TransactionFields.ServiceLine);
        RuleFor(t => t.PerformedBy).Cascade(CascadeMode.Stop)
            .MaximumLength(Limits.Email).WithMessage($"At most {Limits.Email} characters.")
            .Must(BeAnEmail).WithMessage("The email of the member of staff who performed it.")
            .OverridePropertyName(TransactionFields.PerformedBy)
            .When(t => !string.IsNullOrWhiteSpace(t.PerformedBy));
        RuleFor(t => t.OccurredAt).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Send when it happened, e.g. 2026-06-14T15:30:00+02:00.")
            .Must(at => ParseInstant(at) is not null).WithMessage("An ISO 8601 date and time with its UTC offset, e.g. 2026-06-14T15:30:00+02:00 or 2026-06-14T13:30:00Z.")
            .Must(at => ParseInstant(at) <= clock.GetUtcNow().AddDays(1)).WithMessage("It cannot have happened more than a day from now.")
            .OverridePropertyName(TransactionFields.OccurredAt);
        RuleFor(t => t.Channel)
            .Must(c => string.IsNullOrWhiteSpace(c) || ParseChannel(c) is not null)
            .WithMessage($"One of {string.Join(", ", Enum.GetNames<Channel>())}.")
            .OverridePropertyName(TransactionFields.Channel);
        RuleFor(t => t.InvoicedAmount)
            .GreaterThanOrEqualTo(0).WithMessage("Cannot be negative.")
            .LessThan(1_000_000_000_000m).WithMessage("Must be less than 1,000,000,000,000.")
            .OverridePropertyName(TransactionFields.InvoicedAmount);
        RuleFor(t => t.Currency).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Send the ISO 4217 currency of the invoiced amount, e.g. EUR.")
            .When(t => t.InvoicedAmount is > 0)
            .OverridePropertyName(TransactionFields.Currency);
        RuleFor(t => t.Currency)
            .Must(c => c!.Trim() is { Length: 3 } code && code.All(char.IsAsciiLetter)).WithMessage("A three-letter ISO 4217 code such as EUR or USD.")
            .When(t => !string.IsNullOrWhiteSpace(t.Currency))
            .OverridePropertyName(TransactionFields.Currency);
    }

    /// <summary>An ISO 8601 instant that states its offset ("Z" or ±hh:mm); a local time without one is ambiguous.</summary>
    public static DateTimeOffset? ParseInstant(string? value)
    {
        var text = value?.Trim();
        return !string.IsNullOrEmpty(text) && WithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToUniversalTime()
            : null;
    }

    /// <summary>A channel by its name ("On Site" too); numbers and lists such as "Phone,Email" (which Enum.TryParse reads as flags) are not names.</summary>
    public static Channel? ParseChannel(string? value) =>
        value?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal) is { Length: > 0 } name && name.All(char.IsAsciiLetter)
        && Enum.TryParse<Channel>(name, ignoreCase: true, out var channel) && Enum.IsDefined(channel)
            ? channel
            : null;

    private static bool BeAnEmail(string? value) =>
        value?.Trim() is { } email && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1
        && !email.Any(char.IsWhiteSpace) && email.Count(c => c == '@') == 1;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex WithOffset();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}
