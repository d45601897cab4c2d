import Testing
@testable import LakeflowAuthCore

/// What each of the 29 real specs declares, read from the YAML files by hand (and cross-checked with
/// grep counts of `- name:`, `required: true` and `secret: true`). A parameter is written as its
/// name, then `!` when required and `*` when secret.
struct CorpusEntry: Sendable, CustomTestStringConvertible {
    let connector: String
    let displayName: String
    let shared: [String]
    let methods: [(String, [String])]
    let oauthKeys: [String]
    let allowlist: [String]

    init(_ connector: String, displayName: String, shared: [String], methods: [(String, [String])],
         oauthKeys: [String], allowlist: [String]) {
        self.connector = connector
        self.displayName = displayName
        self.shared = shared
        self.methods = methods
        self.oauthKeys = oauthKeys
        self.allowlist = allowlist
    }

    var testDescription: String { connector }

    static let all: [CorpusEntry] = [
        CorpusEntry("actitime", displayName: "actiTIME",
                    shared: ["base_url!", "username!", "password!*"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["start_date", "window_days", "lookback_days", "forward_days", "stopAfter", "user_batch_size", "dateFrom", "dateTo", "limit", "max_records_per_batch"]),
        CorpusEntry("adme", displayName: "Azure Data Manager for Energy (ADME OSDU)",
                    shared: ["base_url!", "data_partition_id!", "adme_api_client_id", "auth_mode", "tenant_id", "client_id", "client_secret*", "managed_identity_client_id", "federated_token_file", "federated_token*", "access_token*", "page_size", "instance_url"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["window_days", "lookback_minutes", "kind_query_wellbore", "kind_query_reservoir", "kind_query_rock_and_fluid"]),
        CorpusEntry("amplitude", displayName: "Amplitude",
                    shared: ["api_key!*", "secret_key!*", "data_region", "start_date"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["window_hours", "window_days", "lookback_hours", "m", "i", "g"]),
        CorpusEntry("appsflyer", displayName: "AppsFlyer",
                    shared: ["api_token!*", "base_url"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["app_id", "start_date", "lookback_hours", "max_days_per_batch"]),
        CorpusEntry("azure_devops", displayName: "Azure DevOps",
                    shared: ["organization!", "project"],
                    methods: [("pat", ["personal_access_token!*"]), ("service_principal", ["tenant_id!", "client_id!", "client_secret!*"])],
                    oauthKeys: ["flow", "token_url", "scopes"],
                    allowlist: ["project", "repository_id", "pullrequest_id", "status_filter", "filter", "ids"]),
        CorpusEntry("collibra", displayName: "Collibra",
                    shared: ["org!", "base_url", "page_size"],
                    methods: [("token", ["token!*"]), ("service_principal", ["client_id!", "client_secret!*"])],
                    oauthKeys: ["flow", "token_url"],
                    allowlist: ["domain_id", "community_id", "sort_field", "asset_id", "type_public_ids", "resource_ids", "role_ids", "max_records_per_batch", "page_size"]),
        CorpusEntry("dicomweb", displayName: "DICOMweb VNA/PACS",
                    shared: ["base_url!", "connection_name"],
                    methods: [("none", []), ("basic", ["username!", "password!*"]), ("bearer", ["token!*"])],
                    oauthKeys: [],
                    allowlist: ["fetch_dicom_files", "dicom_volume_path", "lookback_days", "page_size", "fetch_metadata", "wado_mode", "window_days", "starting_date", "num_partitions", "max_concurrent_downloads", "study_qido_filters", "series_qido_filters", "instance_qido_filters"]),
        CorpusEntry("example", displayName: "Example",
                    shared: ["username!", "password!"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["max_records_per_batch", "category", "user_id", "status", "limit", "window_seconds"]),
        CorpusEntry("fhir", displayName: "FHIR R4",
                    shared: ["base_url!", "auth_type!"],
                    methods: [("jwt_assertion", ["token_url", "client_id!", "private_key_pem!", "kid!", "private_key_algorithm", "scope!"]), ("client_secret", ["token_url", "client_id!", "client_secret!", "scope"]), ("none", [])],
                    oauthKeys: [],
                    allowlist: ["resource_types", "page_size", "max_records_per_batch", "page_delay", "profile"]),
        CorpusEntry("github", displayName: "GitHub",
                    shared: ["token!*", "base_url"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["owner", "repo", "state", "per_page", "lookback_seconds", "start_date", "org", "pull_number", "max_records_per_batch", "window_seconds"]),
        CorpusEntry("gmail", displayName: "Gmail",
                    shared: ["client_id!*", "client_secret!*", "user_id"],
                    methods: [],
                    oauthKeys: ["flow", "pkce", "scopes", "authorization_url", "token_url", "extra_auth_params"],
                    allowlist: ["q", "labelIds", "maxResults", "includeSpamTrash", "format", "max_records_per_batch"]),
        CorpusEntry("google_analytics_aggregated", displayName: "Google Analytics Aggregated Data",
                    shared: ["property_ids!", "credentials_json!*"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["dimensions", "metrics", "start_date", "lookback_days", "dimension_filter", "metric_filter", "page_size", "primary_keys", "prebuilt_report"]),
        CorpusEntry("google_sheets_docs", displayName: "Google Sheets and Docs",
                    shared: ["client_id!", "client_secret!*", "refresh_token!*"],
                    methods: [],
                    oauthKeys: ["authorization_url", "token_url", "scopes", "extra_auth_params"],
                    allowlist: ["spreadsheet_id", "spreadsheetId", "sheet_name", "range", "include_content", "use_first_row_as_header", "useFirstRowAsHeader", "connector_table", "source_type", "connectorTable", "sourceType"]),
        CorpusEntry("hl7_v2", displayName: "HL7 v2",
                    shared: ["source_type"],
                    methods: [("gcp", ["project_id!", "location!", "dataset_id!", "hl7v2_store_id!", "service_account_json!*"]), ("volume", ["volume_path!", "file_glob", "recursive"])],
                    oauthKeys: [],
                    allowlist: ["segment_type", "window_seconds", "start_timestamp", "max_records_per_batch"]),
        CorpusEntry("hubspot", displayName: "HubSpot",
                    shared: ["access_token!*"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["max_records_per_batch"]),
        CorpusEntry("mailchimp", displayName: "Mailchimp",
                    shared: ["api_key!*", "server_prefix"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["max_records_per_batch", "window_seconds", "start_timestamp", "lookback_seconds"]),
        CorpusEntry("microsoft_teams", displayName: "Microsoft Teams",
                    shared: ["tenant_id!", "client_id!", "client_secret!*"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["team_id", "channel_id", "message_id", "start_date", "top", "max_pages_per_batch", "lookback_seconds", "fetch_all_teams", "fetch_all_channels", "fetch_all_messages", "use_delta_api", "max_concurrent_threads", "max_records_per_batch"]),
        CorpusEntry("mixpanel", displayName: "Mixpanel",
                    shared: ["project_id", "region", "project_timezone", "historical_days"],
                    methods: [("service_account", ["username!", "secret!*"]), ("api_secret", ["api_secret!*"])],
                    oauthKeys: [],
                    allowlist: ["max_records_per_batch"]),
        CorpusEntry("odata", displayName: "OData",
                    shared: ["service_url!", "auth_type", "timeout_seconds", "metadata_cache_ttl_seconds", "max_retries", "retry_max_delay_seconds", "extra_headers", "verbose_http_logging", "verbose_http_log_body_chars"],
                    methods: [("bearer", ["token!*"]), ("basic", ["username!", "password!*"]), ("api_key", ["api_key!*", "api_key_header"]), ("oauth", ["client_id!*", "client_secret!*", "token_endpoint!", "authorization_endpoint", "oauth_scope"])],
                    oauthKeys: ["flow"],
                    allowlist: ["namespace", "cursor_field", "select", "filter", "filters_at", "page_size", "max_records_per_batch", "cursor_nulls", "delta_tracking", "expand_contained", "num_partitions", "pagination", "exclude_ancestor_columns", "cursor_lookback_seconds", "cursor_lookback_factor", "cursor_lookback_max_seconds", "cursor_lookback_dedup", "cursor_probe", "contained_fetch"]),
        CorpusEntry("osipi", displayName: "OSI PI",
                    shared: ["pi_base_url!", "verify_ssl"],
                    methods: [("bearer_token", ["access_token!*"]), ("oidc_client_credentials", ["workspace_host!", "client_id!", "client_secret!*"]), ("basic_auth", ["username!", "password!*"])],
                    oauthKeys: [],
                    allowlist: ["maxCount", "startIndex", "nameFilter", "dataserver_webid", "maxTotalCount", "point_webids", "default_points", "selectedFields", "tag_webids", "default_tags", "lookback_minutes", "prefer_streamset", "startTime", "start_time", "endTime", "end_time", "time", "interval", "sampleInterval", "intervals", "tags_per_request", "window_seconds", "summaryType", "calculationBasis", "timeType", "summaryDuration", "sampleType", "timeZone", "filterExpression", "calculationType", "calculation_type", "assetdatabase_webid", "element_webids", "default_elements", "elementtemplate_webid", "table_webid", "table_webids", "default_tables", "event_frame_webids", "default_event_frames", "lookback_days", "searchMode", "eventframe_template_webid", "max_records_per_batch"]),
        CorpusEntry("palantir", displayName: "Palantir Foundry",
                    shared: ["token!*", "hostname!", "ontology_api_name!"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["cursor_field", "page_size", "max_records_per_batch", "tiebreaker_field"]),
        CorpusEntry("qualtrics", displayName: "Qualtrics",
                    shared: ["api_token!*", "datacenter_id!", "max_surveys"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["tableName", "tableNameList", "tableConfigs", "surveyId", "mailingListId", "directoryId", "max_records_per_batch"]),
        CorpusEntry("remberg", displayName: "remberg",
                    shared: ["api_key!*", "base_url"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["start_timestamp", "lookback_seconds", "limit", "max_records_per_batch"]),
        CorpusEntry("sap_successfactors", displayName: "SAP SuccessFactors",
                    shared: ["endpoint_url!", "username!", "password!*", "metadata_mode"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["tableConfigs", "tableNameList", "metadata_mode"]),
        CorpusEntry("shopify", displayName: "Shopify",
                    shared: ["shop!", "access_token!*", "api_version"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["max_records_per_batch"]),
        CorpusEntry("surveymonkey", displayName: "SurveyMonkey",
                    shared: ["access_token!*", "base_url"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["survey_id", "page_id", "group_id", "max_records_per_batch"]),
        CorpusEntry("youtube", displayName: "YouTube",
                    shared: [],
                    methods: [("api_key", ["api_key!*"]), ("oauth", ["client_id!*", "client_secret!*"])],
                    oauthKeys: ["flow", "pkce", "scopes", "authorization_url", "token_url", "extra_auth_params"],
                    allowlist: ["channel_id", "channel_ids", "chart", "for_username", "max_pages", "max_results", "mine", "order", "playlist_id", "playlist_ids", "published_after", "q", "region_code", "type", "video_category_id", "video_id", "video_ids"]),
        CorpusEntry("zendesk", displayName: "Zendesk",
                    shared: ["subdomain!", "email!", "api_token!*"],
                    methods: [],
                    oauthKeys: [],
                    allowlist: ["max_records_per_batch"]),
        CorpusEntry("zoho_crm", displayName: "Zoho CRM",
                    shared: ["client_id!", "client_secret!*", "refresh_token!*", "base_url", "initial_load_start_date"],
                    methods: [],
                    oauthKeys: ["authorization_url", "token_url", "scopes", "extra_auth_params"],
                    allowlist: ["max_records_per_batch"]),
    ]
}

@Suite("the 29 real connector_spec.yaml files", .enabled(if: TestPaths.hasConnectorSpecs, TestPaths.skipNote))
struct CorpusTests {
    @Test func theTableCoversEveryFile() throws {
        let files = try TestPaths.connectorSpecFiles().map { SpecLoader.connectorName(forPath: $0) }
        #expect(files.count == 29)
        #expect(files == CorpusEntry.all.map(\.connector))
    }

    @Test(arguments: CorpusEntry.all)
    func loadsAsDeclared(_ entry: CorpusEntry) throws {
        let spec = try SpecLoader.load(path: "\(TestPaths.connectorSpecs)/\(entry.connector).yaml")
        #expect(spec.connector == entry.connector)
        #expect(spec.origin == .databricks)
        #expect(spec.displayName == entry.displayName)
        #expect(spec.options.count == entry.shared.count)
        #expect(spec.options.map(Self.notation) == entry.shared)
        #expect(spec.authMethods.map(\.name) == entry.methods.map(\.0))
        for (method, expected) in zip(spec.authMethods, entry.methods) {
            #expect(method.options.map(Self.notation) == expected.1, "auth method \(method.name)")
        }
        #expect(spec.tableOptions.map(\.name) == entry.allowlist)
        if case let .object(members)? = spec.oauth {
            #expect(members.map(\.0) == entry.oauthKeys)
        } else {
            #expect(spec.oauth == nil)
            #expect(entry.oauthKeys.isEmpty)
        }
        let everyOption = spec.options + spec.authMethods.flatMap(\.options)
        #expect(everyOption.allSatisfy { $0.type == .string }, "every real parameter is typed string")
        #expect(everyOption.allSatisfy { !$0.description.isEmpty }, "every real parameter is described")
        #expect(everyOption.allSatisfy { $0.extras.isEmpty })
    }

    /// Every real spec renders and reads back to the same model: the renderer speaks the real format.
    @Test(arguments: CorpusEntry.all)
    func rendersAndReadsBack(_ entry: CorpusEntry) throws {
        let spec = try SpecLoader.load(path: "\(TestPaths.connectorSpecs)/\(entry.connector).yaml")
        let rendered = SpecRenderer.render(spec)
        let reread = try SpecLoader.load(text: rendered, path: "\(entry.connector)/connector_spec.yaml")
        #expect(reread == spec)
    }

    private static func notation(_ option: ConnectorOption) -> String {
        option.name + (option.required ? "!" : "") + (option.secret ? "*" : "")
    }
}
