namespace ServiceExcellence.Application.Email;

/// <summary>What a survey email is about, in the contact's language.</summary>
public sealed record SurveyEmailModel(
    string ContactName,
    string ClientName,
    string ServiceLineName,
    DateTimeOffset OccurredAt,
    string Language,
    bool IsReminder);

public sealed record ComposedEmail(string Subject, string TextBody, string HtmlBody);

/// <summary>
/// Writes survey emails (HTML and plain text, localised). Links carry
/// <see cref="Domain.Email.OutboxMessage.LinkPlaceholder"/> in place of the secret token.
/// </summary>
public interface ISurveyEmailComposer
{
    ComposedEmail ComposeSurvey(SurveyEmailModel model);
}
