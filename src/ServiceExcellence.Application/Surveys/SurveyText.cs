namespace ServiceExcellence.Application.Surveys;

/// <summary>
/// Marker for the customer-facing texts of surveys (emails and pages), localised in
/// <c>SurveyText.resx</c> (English), <c>SurveyText.es.resx</c> and <c>SurveyText.de.resx</c>.
/// </summary>
public sealed class SurveyText
{
    public static readonly string[] Languages = ["en", "es", "de"];

    /// <summary>The supported language closest to a contact's language tag; English otherwise.</summary>
    public static string Supported(string? language)
    {
        var primary = (language ?? "en").Split('-')[0].ToLowerInvariant();
        return Languages.Contains(primary) ? primary : "en";
    }
}
