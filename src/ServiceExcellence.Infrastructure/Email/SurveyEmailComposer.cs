using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Email;

namespace ServiceExcellence.Infrastructure.Email;

/// <summary>The survey email: five one-click score buttons, a link to the full survey and an unsubscribe link, in HTML and plain text.</summary>
internal sealed class SurveyEmailComposer(IStringLocalizer<SurveyText> text, IOptions<EmailOptions> email, IOptions<SurveyOptions> surveys) : ISurveyEmailComposer
{
    public ComposedEmail ComposeSurvey(SurveyEmailModel model)
    {
        var language = SurveyText.Supported(model.Language);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var culture = CultureInfo.CurrentUICulture;
            var date = model.OccurredAt.ToString("d MMMM yyyy", culture);
            var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
            var surveyUrl = $"{baseUrl}/r/{OutboxMessage.LinkPlaceholder}";
            var unsubscribeUrl = $"{baseUrl}/u/{OutboxMessage.LinkPlaceholder}";
            var guaranteeUrl = $"{baseUrl}/g/{OutboxMessage.LinkPlaceholder}";
            var subject = string.Format(culture, text[model.IsReminder ? "EmailReminderSubject" : "EmailSubject"], model.ServiceLineName, date);
            var greeting = string.Format(culture, text["EmailGreeting"], model.ContactName);
            var intro = string.Format(culture, text["EmailIntro"], model.ServiceLineName, date, model.ClientName);
            var footer = string.Format(culture, text["EmailFooter"], surveys.Value.LinkLifetimeDays);
            var scores = Enumerable.Range(1, 5).Select(s => (Score: s, Label: text[$"Score{s}"].Value, Url: $"{surveyUrl}?score={s}")).ToList();

            var plain = new StringBuilder()
                .AppendLine(greeting).AppendLine()
                .AppendLine(intro).AppendLine()
                .AppendLine(text["EmailQuestion"]);
            foreach (var (score, label, url) in scores)
            {
                plain.AppendLine(CultureInfo.InvariantCulture, $"  {score} – {label}: {url}");
            }

            plain.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"{text["EmailOpenLink"]}: {surveyUrl}").AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"{text["EmailGuarantee"]}: {guaranteeUrl}").AppendLine()
                .AppendLine(footer)
                .AppendLine(CultureInfo.InvariantCulture, $"{text["EmailUnsubscribe"]}: {unsubscribeUrl}");

            static string H(string value) => WebUtility.HtmlEncode(value);
            var buttons = string.Concat(scores.Select(s =>
                $"""<td style="padding:4px"><a href="{s.Url}" style="display:block;min-width:88px;padding:12px 8px;border-radius:6px;background:{ScoreColour(s.Score)};color:#ffffff;text-align:center;text-decoration:none;font:600 15px Arial,sans-serif">{s.Score}<br><span style="font-weight:400;font-size:12px">{H(s.Label)}</span></a></td>"""));
            var html = $"""
                <!DOCTYPE html>
                <html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{H(subject)}</title></head>
                <body style="margin:0;padding:0;background:#f4f6f8">
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6f8"><tr><td align="center" style="padding:24px 12px">
                <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;font:15px/1.5 Arial,sans-serif;color:#1f2933">
                <tr><td style="padding:24px 24px 8px"><p style="margin:0 0 12px">{H(greeting)}</p><p style="margin:0 0 16px">{H(intro)}</p>
                <p style="margin:0 0 8px;font-weight:600">{H(text["EmailQuestion"])}</p></td></tr>
                <tr><td style="padding:0 20px"><table role="presentation" cellpadding="0" cellspacing="0"><tr>{buttons}</tr></table></td></tr>
                <tr><td style="padding:16px 24px"><a href="{surveyUrl}" style="color:#0b4f6c">{H(text["EmailOpenLink"])}</a></td></tr>
                <tr><td style="padding:0 24px 8px"><a href="{guaranteeUrl}" style="color:#0b4f6c">{H(text["EmailGuarantee"])}</a></td></tr>
                <tr><td style="padding:8px 24px 24px;font-size:12px;color:#52606d">{H(footer)}<br><a href="{unsubscribeUrl}" style="color:#52606d">{H(text["EmailUnsubscribe"])}</a></td></tr>
                </table></td></tr></table></body></html>
                """;
            return new ComposedEmail(subject, plain.ToString(), html);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string ScoreColour(int score) => score switch
    {
        1 => "#b42318",
        2 => "#c4320a",
        3 => "#52606d",
        4 => "#2f7d32",
        _ => "#1b5e20",
    };
}
