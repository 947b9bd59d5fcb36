// Generated from api/openapi.ts by `npm run client:generate` (openapi-typescript). Do not edit.

export interface paths {
    "/payments/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shopper's page after 3-D Secure (the default return_url): only whether the payment succeeded, failed or is still processing */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The outcome page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No such payment */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api_keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys, newest first, revoked and expired ones included; secrets are never shown */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Unix seconds */
                                created: number;
                                /** @description Unix seconds: a rolled key stops working then; null if it was never rolled */
                                expires_at: number | null;
                                /** @description key_… */
                                id: string;
                                /** @description Unix seconds, to the minute; null if never used */
                                last_used: number | null;
                                name: string | null;
                                /** @constant */
                                object: "api_key";
                                /** @description The first 10 characters of the secret (sk_hf_… unrestricted, rk_hf_… restricted); the rest is never shown again. */
                                prefix: string;
                                /** @description The key a roll made in its place */
                                replaced_by: string | null;
                                restricted: boolean;
                                revoked: boolean;
                                /** @description Unix seconds */
                                revoked_at: number | null;
                                /** @description What the key may do; an unrestricted key has every scope, and alone manages keys. */
                                scopes: string[];
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API key, unrestricted or with scopes; the answer shows its secret, once */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description A label to tell keys apart ("checkout server"). */
                        name?: string;
                        /** @description What the key may do (a `:write` scope includes its `:read`; `read_only` is every read). Left out: an unrestricted key. */
                        scopes?: ("payments:read" | "payments:write" | "refunds:read" | "refunds:write" | "sellers:read" | "sellers:write" | "payouts:read" | "payouts:write" | "disputes:read" | "disputes:write" | "routing_rules:read" | "routing_rules:write" | "webhook_endpoints:read" | "webhook_endpoints:write" | "events:read" | "events:write" | "balance:read" | "psps:read" | "exceptions:read" | "read_only")[];
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Unix seconds */
                            created: number;
                            /** @description Unix seconds: a rolled key stops working then; null if it was never rolled */
                            expires_at: number | null;
                            /** @description key_… */
                            id: string;
                            /** @description Unix seconds, to the minute; null if never used */
                            last_used: number | null;
                            name: string | null;
                            /** @constant */
                            object: "api_key";
                            /** @description The first 10 characters of the secret (sk_hf_… unrestricted, rk_hf_… restricted); the rest is never shown again. */
                            prefix: string;
                            /** @description The key a roll made in its place */
                            replaced_by: string | null;
                            restricted: boolean;
                            revoked: boolean;
                            /** @description Unix seconds */
                            revoked_at: number | null;
                            /** @description What the key may do; an unrestricted key has every scope, and alone manages keys. */
                            scopes: string[];
                            /** @description The secret, shown in this answer only. Null in a replay of the request (Idempotent-Replayed): it is never stored. */
                            secret: string | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api_keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve an API key */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Unix seconds */
                            created: number;
                            /** @description Unix seconds: a rolled key stops working then; null if it was never rolled */
                            expires_at: number | null;
                            /** @description key_… */
                            id: string;
                            /** @description Unix seconds, to the minute; null if never used */
                            last_used: number | null;
                            name: string | null;
                            /** @constant */
                            object: "api_key";
                            /** @description The first 10 characters of the secret (sk_hf_… unrestricted, rk_hf_… restricted); the rest is never shown again. */
                            prefix: string;
                            /** @description The key a roll made in its place */
                            replaced_by: string | null;
                            restricted: boolean;
                            revoked: boolean;
                            /** @description Unix seconds */
                            revoked_at: number | null;
                            /** @description What the key may do; an unrestricted key has every scope, and alone manages keys. */
                            scopes: string[];
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api_keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a key: every API instance refuses it within a second */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Unix seconds */
                            created: number;
                            /** @description Unix seconds: a rolled key stops working then; null if it was never rolled */
                            expires_at: number | null;
                            /** @description key_… */
                            id: string;
                            /** @description Unix seconds, to the minute; null if never used */
                            last_used: number | null;
                            name: string | null;
                            /** @constant */
                            object: "api_key";
                            /** @description The first 10 characters of the secret (sk_hf_… unrestricted, rk_hf_… restricted); the rest is never shown again. */
                            prefix: string;
                            /** @description The key a roll made in its place */
                            replaced_by: string | null;
                            restricted: boolean;
                            revoked: boolean;
                            /** @description Unix seconds */
                            revoked_at: number | null;
                            /** @description What the key may do; an unrestricted key has every scope, and alone manages keys. */
                            scopes: string[];
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api_keys/{id}/roll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a key by a new one with the same name and scopes; the old one keeps working for expires_in_seconds (at most a week). The answer shows the new secret, once */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /**
                         * @description How long the old key keeps working beside the new one, at most a week; 0 (the default) stops it now.
                         * @default 0
                         */
                        expires_in_seconds?: number;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Unix seconds */
                            created: number;
                            /** @description Unix seconds: a rolled key stops working then; null if it was never rolled */
                            expires_at: number | null;
                            /** @description key_… */
                            id: string;
                            /** @description Unix seconds, to the minute; null if never used */
                            last_used: number | null;
                            name: string | null;
                            /** @constant */
                            object: "api_key";
                            /** @description The first 10 characters of the secret (sk_hf_… unrestricted, rk_hf_… restricted); the rest is never shown again. */
                            prefix: string;
                            /** @description The key a roll made in its place */
                            replaced_by: string | null;
                            restricted: boolean;
                            revoked: boolean;
                            /** @description Unix seconds */
                            revoked_at: number | null;
                            /** @description What the key may do; an unrestricted key has every scope, and alone manages keys. */
                            scopes: string[];
                            /** @description The secret, shown in this answer only. Null in a replay of the request (Idempotent-Replayed): it is never stored. */
                            secret: string | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending and available balances per currency */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Settled and free (for a seller: to pay out); below zero while a dispute or a late refund took back more than had settled */
                            available: {
                                amount: number;
                                currency: string;
                            }[];
                            /** @constant */
                            object: "balance";
                            /** @description Captured, not settled yet */
                            pending: {
                                amount: number;
                                currency: string;
                            }[];
                            /** @description Held for open disputes, and a seller's payouts on their way */
                            reserved: {
                                amount: number;
                                currency: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List disputes, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    payment?: string;
                    starting_after?: string;
                    status?: "needs_response" | "under_review" | "won" | "lost";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: number;
                                closed: number | null;
                                created: number;
                                currency: string;
                                evidence: {
                                    text: string | null;
                                };
                                evidence_details: {
                                    due_by: number;
                                    submitted: number | null;
                                };
                                /** @description dsp_… */
                                id: string;
                                /** @constant */
                                object: "dispute";
                                payment: string;
                                psp: string;
                                /** @description The dispute's own reference at the PSP */
                                psp_reference: string;
                                reason: string | null;
                                shares: {
                                    amount: number;
                                    /** @description null: the merchant */
                                    seller: string | null;
                                }[];
                                /** @enum {string} */
                                status: "needs_response" | "under_review" | "won" | "lost";
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a dispute */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            closed: number | null;
                            created: number;
                            currency: string;
                            evidence: {
                                text: string | null;
                            };
                            evidence_details: {
                                due_by: number;
                                submitted: number | null;
                            };
                            /** @description dsp_… */
                            id: string;
                            /** @constant */
                            object: "dispute";
                            payment: string;
                            psp: string;
                            /** @description The dispute's own reference at the PSP */
                            psp_reference: string;
                            reason: string | null;
                            shares: {
                                amount: number;
                                /** @description null: the merchant */
                                seller: string | null;
                            }[];
                            /** @enum {string} */
                            status: "needs_response" | "under_review" | "won" | "lost";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit evidence before the due date, once; it goes to the PSP */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Your case: what was sold, when it was delivered, what the customer agreed to. */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            closed: number | null;
                            created: number;
                            currency: string;
                            evidence: {
                                text: string | null;
                            };
                            evidence_details: {
                                due_by: number;
                                submitted: number | null;
                            };
                            /** @description dsp_… */
                            id: string;
                            /** @constant */
                            object: "dispute";
                            payment: string;
                            psp: string;
                            /** @description The dispute's own reference at the PSP */
                            psp_reference: string;
                            reason: string | null;
                            shares: {
                                amount: number;
                                /** @description null: the merchant */
                                seller: string | null;
                            }[];
                            /** @enum {string} */
                            status: "needs_response" | "under_review" | "won" | "lost";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List events sent to webhook endpoints, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    payment?: string;
                    starting_after?: string;
                    type?: "payment.authorized" | "payment.captured" | "payment.failed" | "payment.canceled" | "refund.succeeded" | "refund.failed" | "dispute.created" | "dispute.evidence_due_soon" | "dispute.updated" | "dispute.closed" | "payout.paid" | "payout.failed" | "payout.canceled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Unix seconds */
                                created: number;
                                data: {
                                    /** @description The object at the time of the event */
                                    object: {
                                        amount: number;
                                        amount_capturable: number;
                                        amount_captured: number;
                                        amount_refunded: number;
                                        /** @description Unix seconds; an authorization not captured by then is voided. */
                                        capture_before: number | null;
                                        /** @enum {string} */
                                        capture_method: "automatic" | "manual";
                                        /** @description Unix seconds */
                                        created: number;
                                        currency: string;
                                        customer: {
                                            email?: string;
                                            name?: string;
                                        } | null;
                                        description: string | null;
                                        failure_code: string | null;
                                        failure_message: string | null;
                                        history: {
                                            amount?: number;
                                            /** @description ISO 8601 time */
                                            at: string;
                                            failure_code?: string;
                                            psp?: string;
                                            refund?: string;
                                            type: string;
                                        }[];
                                        /** @description pay_… */
                                        id: string;
                                        metadata: {
                                            [key: string]: string;
                                        };
                                        /** @description 3-D Secure: send the shopper to `url`. */
                                        next_action: {
                                            /** @constant */
                                            type: "redirect_to_url";
                                            url: string;
                                        } | null;
                                        /** @constant */
                                        object: "payment";
                                        psp: string;
                                        psp_reference: string | null;
                                        /** @description A marketplace payment's sellers and their shares; the rest is the merchant's. */
                                        splits: {
                                            amount: number;
                                            seller: string;
                                        }[] | null;
                                        /** @enum {string} */
                                        status: "processing" | "requires_action" | "authorized" | "captured" | "failed" | "canceled";
                                        /** @description Why the payment is in its status: `processing` with `psp_outcome_unknown`, the PSP may have authorized and is being asked; `authorized` with `capture_pending` or `cancel_pending`, the PSP accepted the capture or void and has not confirmed it yet. */
                                        status_reason: ("psp_outcome_unknown" | "capture_pending" | "cancel_pending") | null;
                                    } | {
                                        amount: number;
                                        created: number;
                                        currency: string;
                                        failure_code: string | null;
                                        /** @description re_… */
                                        id: string;
                                        /** @constant */
                                        object: "refund";
                                        payment: string;
                                        reason: string | null;
                                        /** @enum {string} */
                                        status: "pending" | "succeeded" | "failed";
                                    } | {
                                        amount: number;
                                        approved: number | null;
                                        /** @description The finance key that approved it */
                                        approved_by: string | null;
                                        /** @description Made by the seller's payout schedule */
                                        automatic: boolean;
                                        created: number;
                                        currency: string;
                                        failure_code: string | null;
                                        failure_message: string | null;
                                        /** @description po_… */
                                        id: string;
                                        /** @constant */
                                        object: "payout";
                                        psp: string;
                                        psp_reference: string | null;
                                        seller: string;
                                        /** @enum {string} */
                                        status: "requires_approval" | "pending" | "in_transit" | "paid" | "failed" | "canceled";
                                    } | {
                                        amount: number;
                                        closed: number | null;
                                        created: number;
                                        currency: string;
                                        evidence: {
                                            text: string | null;
                                        };
                                        evidence_details: {
                                            due_by: number;
                                            submitted: number | null;
                                        };
                                        /** @description dsp_… */
                                        id: string;
                                        /** @constant */
                                        object: "dispute";
                                        payment: string;
                                        psp: string;
                                        /** @description The dispute's own reference at the PSP */
                                        psp_reference: string;
                                        reason: string | null;
                                        shares: {
                                            amount: number;
                                            /** @description null: the merchant */
                                            seller: string | null;
                                        }[];
                                        /** @enum {string} */
                                        status: "needs_response" | "under_review" | "won" | "lost";
                                    };
                                };
                                /** @description evt_… */
                                id: string;
                                /** @constant */
                                object: "event";
                                /** @enum {string} */
                                type: "payment.authorized" | "payment.captured" | "payment.failed" | "payment.canceled" | "refund.succeeded" | "refund.failed" | "dispute.created" | "dispute.evidence_due_soon" | "dispute.updated" | "dispute.closed" | "payout.paid" | "payout.failed" | "payout.canceled";
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve an event */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Unix seconds */
                            created: number;
                            data: {
                                /** @description The object at the time of the event */
                                object: {
                                    amount: number;
                                    amount_capturable: number;
                                    amount_captured: number;
                                    amount_refunded: number;
                                    /** @description Unix seconds; an authorization not captured by then is voided. */
                                    capture_before: number | null;
                                    /** @enum {string} */
                                    capture_method: "automatic" | "manual";
                                    /** @description Unix seconds */
                                    created: number;
                                    currency: string;
                                    customer: {
                                        email?: string;
                                        name?: string;
                                    } | null;
                                    description: string | null;
                                    failure_code: string | null;
                                    failure_message: string | null;
                                    history: {
                                        amount?: number;
                                        /** @description ISO 8601 time */
                                        at: string;
                                        failure_code?: string;
                                        psp?: string;
                                        refund?: string;
                                        type: string;
                                    }[];
                                    /** @description pay_… */
                                    id: string;
                                    metadata: {
                                        [key: string]: string;
                                    };
                                    /** @description 3-D Secure: send the shopper to `url`. */
                                    next_action: {
                                        /** @constant */
                                        type: "redirect_to_url";
                                        url: string;
                                    } | null;
                                    /** @constant */
                                    object: "payment";
                                    psp: string;
                                    psp_reference: string | null;
                                    /** @description A marketplace payment's sellers and their shares; the rest is the merchant's. */
                                    splits: {
                                        amount: number;
                                        seller: string;
                                    }[] | null;
                                    /** @enum {string} */
                                    status: "processing" | "requires_action" | "authorized" | "captured" | "failed" | "canceled";
                                    /** @description Why the payment is in its status: `processing` with `psp_outcome_unknown`, the PSP may have authorized and is being asked; `authorized` with `capture_pending` or `cancel_pending`, the PSP accepted the capture or void and has not confirmed it yet. */
                                    status_reason: ("psp_outcome_unknown" | "capture_pending" | "cancel_pending") | null;
                                } | {
                                    amount: number;
                                    created: number;
                                    currency: string;
                                    failure_code: string | null;
                                    /** @description re_… */
                                    id: string;
                                    /** @constant */
                                    object: "refund";
                                    payment: string;
                                    reason: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "succeeded" | "failed";
                                } | {
                                    amount: number;
                                    approved: number | null;
                                    /** @description The finance key that approved it */
                                    approved_by: string | null;
                                    /** @description Made by the seller's payout schedule */
                                    automatic: boolean;
                                    created: number;
                                    currency: string;
                                    failure_code: string | null;
                                    failure_message: string | null;
                                    /** @description po_… */
                                    id: string;
                                    /** @constant */
                                    object: "payout";
                                    psp: string;
                                    psp_reference: string | null;
                                    seller: string;
                                    /** @enum {string} */
                                    status: "requires_approval" | "pending" | "in_transit" | "paid" | "failed" | "canceled";
                                } | {
                                    amount: number;
                                    closed: number | null;
                                    created: number;
                                    currency: string;
                                    evidence: {
                                        text: string | null;
                                    };
                                    evidence_details: {
                                        due_by: number;
                                        submitted: number | null;
                                    };
                                    /** @description dsp_… */
                                    id: string;
                                    /** @constant */
                                    object: "dispute";
                                    payment: string;
                                    psp: string;
                                    /** @description The dispute's own reference at the PSP */
                                    psp_reference: string;
                                    reason: string | null;
                                    shares: {
                                        amount: number;
                                        /** @description null: the merchant */
                                        seller: string | null;
                                    }[];
                                    /** @enum {string} */
                                    status: "needs_response" | "under_review" | "won" | "lost";
                                };
                            };
                            /** @description evt_… */
                            id: string;
                            /** @constant */
                            object: "event";
                            /** @enum {string} */
                            type: "payment.authorized" | "payment.captured" | "payment.failed" | "payment.canceled" | "refund.succeeded" | "refund.failed" | "dispute.created" | "dispute.evidence_due_soon" | "dispute.updated" | "dispute.closed" | "payout.paid" | "payout.failed" | "payout.canceled";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an event again to every endpoint subscribed to it */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: {
                                attempts: number;
                                delivered: number | null;
                                endpoint: string;
                                last_attempt: number | null;
                                last_error: string | null;
                                last_status_code: number | null;
                                /** @enum {string} */
                                status: "pending" | "succeeded" | "failed";
                                url: string;
                            }[];
                            event: string;
                            /** @constant */
                            object: "event_redelivery";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exceptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments a workflow could not decide within its deadline (PSP outcome unknown), newest first */
        get: {
            parameters: {
                query?: {
                    kind?: "psp_outcome_unknown" | "modification_unconfirmed" | "possible_orphaned_charge" | "psp_event_unprocessable" | "psp_failure_after_success" | "psp_success_after_failure";
                    limit?: number;
                    status?: "open" | "resolved";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Everything known when it was raised. */
                                context: unknown;
                                /** @description Unix seconds */
                                created: number;
                                /** @description exc_… */
                                id: string;
                                kind: string;
                                /** @constant */
                                object: "exception";
                                payment: string;
                                resolution: unknown | null;
                                /** @description Unix seconds */
                                resolved: number | null;
                                /** @enum {string} */
                                status: "open" | "resolved";
                            }[];
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment's ledger transactions */
        get: {
            parameters: {
                query: {
                    payment: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                created: number;
                                entries: {
                                    account: string;
                                    amount: number;
                                    currency: string;
                                }[];
                                id: string;
                                kind: string;
                                posting_key: string;
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List payments, newest first; the filters combine, and the cursor pages through what they leave */
        get: {
            parameters: {
                query?: {
                    "created[gte]"?: string;
                    "created[lt]"?: string;
                    customer_email?: string;
                    limit?: number;
                    metadata?: {
                        [key: string]: string;
                    };
                    psp?: "stripe" | "adyen";
                    starting_after?: string;
                    status?: "processing" | "requires_action" | "authorized" | "captured" | "failed" | "canceled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: number;
                                amount_capturable: number;
                                amount_captured: number;
                                amount_refunded: number;
                                /** @description Unix seconds; an authorization not captured by then is voided. */
                                capture_before: number | null;
                                /** @enum {string} */
                                capture_method: "automatic" | "manual";
                                /** @description Unix seconds */
                                created: number;
                                currency: string;
                                customer: {
                                    email?: string;
                                    name?: string;
                                } | null;
                                description: string | null;
                                failure_code: string | null;
                                failure_message: string | null;
                                history: {
                                    amount?: number;
                                    /** @description ISO 8601 time */
                                    at: string;
                                    failure_code?: string;
                                    psp?: string;
                                    refund?: string;
                                    type: string;
                                }[];
                                /** @description pay_… */
                                id: string;
                                metadata: {
                                    [key: string]: string;
                                };
                                /** @description 3-D Secure: send the shopper to `url`. */
                                next_action: {
                                    /** @constant */
                                    type: "redirect_to_url";
                                    url: string;
                                } | null;
                                /** @constant */
                                object: "payment";
                                psp: string;
                                psp_reference: string | null;
                                /** @description A marketplace payment's sellers and their shares; the rest is the merchant's. */
                                splits: {
                                    amount: number;
                                    seller: string;
                                }[] | null;
                                /** @enum {string} */
                                status: "processing" | "requires_action" | "authorized" | "captured" | "failed" | "canceled";
                                /** @description Why the payment is in its status: `processing` with `psp_outcome_unknown`, the PSP may have authorized and is being asked; `authorized` with `capture_pending` or `cancel_pending`, the PSP accepted the capture or void and has not confirmed it yet. */
                                status_reason: ("psp_outcome_unknown" | "capture_pending" | "cancel_pending") | null;
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a payment */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A positive integer in the currency's minor unit (e.g. 1099 = 10.99 usd, 1099 = ¥1099). */
                        amount: number;
                        /**
                         * @default automatic
                         * @enum {string}
                         */
                        capture_method?: "automatic" | "manual";
                        /**
                         * @description Three-letter ISO 4217 currency code, e.g. "usd".
                         * @enum {string}
                         */
                        currency: "aed" | "AED" | "aud" | "AUD" | "bhd" | "BHD" | "bif" | "BIF" | "brl" | "BRL" | "cad" | "CAD" | "chf" | "CHF" | "clp" | "CLP" | "cny" | "CNY" | "czk" | "CZK" | "djf" | "DJF" | "dkk" | "DKK" | "eur" | "EUR" | "gbp" | "GBP" | "gnf" | "GNF" | "hkd" | "HKD" | "huf" | "HUF" | "idr" | "IDR" | "ils" | "ILS" | "inr" | "INR" | "isk" | "ISK" | "jod" | "JOD" | "jpy" | "JPY" | "kmf" | "KMF" | "krw" | "KRW" | "kwd" | "KWD" | "mxn" | "MXN" | "myr" | "MYR" | "nok" | "NOK" | "nzd" | "NZD" | "omr" | "OMR" | "php" | "PHP" | "pln" | "PLN" | "pyg" | "PYG" | "ron" | "RON" | "rwf" | "RWF" | "sek" | "SEK" | "sgd" | "SGD" | "thb" | "THB" | "tnd" | "TND" | "try" | "TRY" | "twd" | "TWD" | "ugx" | "UGX" | "usd" | "USD" | "vnd" | "VND" | "vuv" | "VUV" | "xaf" | "XAF" | "xof" | "XOF" | "xpf" | "XPF" | "zar" | "ZAR";
                        customer?: {
                            /** Format: email */
                            email?: string;
                            name?: string;
                        };
                        description?: string;
                        /**
                         * @description Your key-value pairs, returned as given.
                         * @default {}
                         */
                        metadata?: {
                            [key: string]: string;
                        };
                        /** @description A payment method token; raw card numbers are refused. */
                        payment_method: string;
                        /**
                         * @description Send the payment to this PSP; default: the merchant's routing rules.
                         * @enum {string}
                         */
                        psp?: "stripe" | "adyen";
                        /** @description Where the shopper returns after a 3-D Secure challenge. */
                        return_url?: string;
                        /** @description Each seller's share of the amount, in minor units; the rest is the merchant's. At most the amount in total. */
                        splits?: {
                            /** @description A positive integer in the currency's minor unit (e.g. 1099 = 10.99 usd, 1099 = ¥1099). */
                            amount: number;
                            seller: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            amount_capturable: number;
                            amount_captured: number;
                            amount_refunded: number;
                            /** @description Unix seconds; an authorization not captured by then is voided. */
                            capture_before: number | null;
                            /** @enum {string} */
                            capture_method: "automatic" | "manual";
                            /** @description Unix seconds */
                            created: number;
                            currency: string;
                            customer: {
                                email?: string;
                                name?: string;
                            } | null;
                            description: string | null;
                            failure_code: string | null;
                            failure_message: string | null;
                            history: {
                                amount?: number;
                                /** @description ISO 8601 time */
                                at: string;
                                failure_code?: string;
                                psp?: string;
                                refund?: string;
                                type: string;
                            }[];
                            /** @description pay_… */
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @description 3-D Secure: send the shopper to `url`. */
                            next_action: {
                                /** @constant */
                                type: "redirect_to_url";
                                url: string;
                            } | null;
                            /** @constant */
                            object: "payment";
                            psp: string;
                            psp_reference: string | null;
                            /** @description A marketplace payment's sellers and their shares; the rest is the merchant's. */
                            splits: {
                                amount: number;
                                seller: string;
                            }[] | null;
                            /** @enum {string} */
                            status: "processing" | "requires_action" | "authorized" | "captured" | "failed" | "canceled";
                            /** @description Why the payment is in its status: `processing` with `psp_outcome_unknown`, the PSP may have authorized and is being asked; `authorized` with `capture_pending` or `cancel_pending`, the PSP accepted the capture or void and has not confirmed it yet. */
                            status_reason: ("psp_outcome_unknown" | "capture_pending" | "cancel_pending") | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a payment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            amount_capturable: number;
                            amount_captured: number;
                            amount_refunded: number;
                            /** @description Unix seconds; an authorization not captured by then is voided. */
                            capture_before: number | null;
                            /** @enum {string} */
                            capture_method: "automatic" | "manual";
                            /** @description Unix seconds */
                            created: number;
                            currency: string;
                            customer: {
                                email?: string;
                                name?: string;
                            } | null;
                            description: string | null;
                            failure_code: string | null;
                            failure_message: string | null;
                            history: {
                                amount?: number;
                                /** @description ISO 8601 time */
                                at: string;
                                failure_code?: string;
                                psp?: string;
                                refund?: string;
                                type: string;
                            }[];
                            /** @description pay_… */
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @description 3-D Secure: send the shopper to `url`. */
                            next_action: {
                                /** @constant */
                                type: "redirect_to_url";
                                url: string;
                            } | null;
                            /** @constant */
                            object: "payment";
                            psp: string;
                            psp_reference: string | null;
                            /** @description A marketplace payment's sellers and their shares; the rest is the merchant's. */
                            splits: {
                                amount: number;
                                seller: string;
                            }[] | null;
                            /** @enum {string} */
                            status: "processing" | "requires_action" | "authorized" | "captured" | "failed" | "canceled";
                            /** @description Why the payment is in its status: `processing` with `psp_outcome_unknown`, the PSP may have authorized and is being asked; `authorized` with `capture_pending` or `cancel_pending`, the PSP accepted the capture or void and has not confirmed it yet. */
                            status_reason: ("psp_outcome_unknown" | "capture_pending" | "cancel_pending") | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void an authorized payment */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            amount_capturable: number;
                            amount_captured: number;
                            amount_refunded: number;
                            /** @description Unix seconds; an authorization not captured by then is voided. */
                            capture_before: number | null;
                            /** @enum {string} */
                            capture_method: "automatic" | "manual";
                            /** @description Unix seconds */
                            created: number;
                            currency: string;
                            customer: {
                                email?: string;
                                name?: string;
                            } | null;
                            description: string | null;
                            failure_code: string | null;
                            failure_message: string | null;
                            history: {
                                amount?: number;
                                /** @description ISO 8601 time */
                                at: string;
                                failure_code?: string;
                                psp?: string;
                                refund?: string;
                                type: string;
                            }[];
                            /** @description pay_… */
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @description 3-D Secure: send the shopper to `url`. */
                            next_action: {
                                /** @constant */
                                type: "redirect_to_url";
                                url: string;
                            } | null;
                            /** @constant */
                            object: "payment";
                            psp: string;
                            psp_reference: string | null;
                            /** @description A marketplace payment's sellers and their shares; the rest is the merchant's. */
                            splits: {
                                amount: number;
                                seller: string;
                            }[] | null;
                            /** @enum {string} */
                            status: "processing" | "requires_action" | "authorized" | "captured" | "failed" | "canceled";
                            /** @description Why the payment is in its status: `processing` with `psp_outcome_unknown`, the PSP may have authorized and is being asked; `authorized` with `capture_pending` or `cancel_pending`, the PSP accepted the capture or void and has not confirmed it yet. */
                            status_reason: ("psp_outcome_unknown" | "capture_pending" | "cancel_pending") | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Capture an authorized payment */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description Capture less than authorized; the rest is released. Default: all. */
                        amount?: number;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            amount_capturable: number;
                            amount_captured: number;
                            amount_refunded: number;
                            /** @description Unix seconds; an authorization not captured by then is voided. */
                            capture_before: number | null;
                            /** @enum {string} */
                            capture_method: "automatic" | "manual";
                            /** @description Unix seconds */
                            created: number;
                            currency: string;
                            customer: {
                                email?: string;
                                name?: string;
                            } | null;
                            description: string | null;
                            failure_code: string | null;
                            failure_message: string | null;
                            history: {
                                amount?: number;
                                /** @description ISO 8601 time */
                                at: string;
                                failure_code?: string;
                                psp?: string;
                                refund?: string;
                                type: string;
                            }[];
                            /** @description pay_… */
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @description 3-D Secure: send the shopper to `url`. */
                            next_action: {
                                /** @constant */
                                type: "redirect_to_url";
                                url: string;
                            } | null;
                            /** @constant */
                            object: "payment";
                            psp: string;
                            psp_reference: string | null;
                            /** @description A marketplace payment's sellers and their shares; the rest is the merchant's. */
                            splits: {
                                amount: number;
                                seller: string;
                            }[] | null;
                            /** @enum {string} */
                            status: "processing" | "requires_action" | "authorized" | "captured" | "failed" | "canceled";
                            /** @description Why the payment is in its status: `processing` with `psp_outcome_unknown`, the PSP may have authorized and is being asked; `authorized` with `capture_pending` or `cancel_pending`, the PSP accepted the capture or void and has not confirmed it yet. */
                            status_reason: ("psp_outcome_unknown" | "capture_pending" | "cancel_pending") | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the PSP where a 3-D Secure payment stands once the shopper is back */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description Adyen's redirectResult from the shopper's return URL, when you have it. */
                        redirect_result?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            amount_capturable: number;
                            amount_captured: number;
                            amount_refunded: number;
                            /** @description Unix seconds; an authorization not captured by then is voided. */
                            capture_before: number | null;
                            /** @enum {string} */
                            capture_method: "automatic" | "manual";
                            /** @description Unix seconds */
                            created: number;
                            currency: string;
                            customer: {
                                email?: string;
                                name?: string;
                            } | null;
                            description: string | null;
                            failure_code: string | null;
                            failure_message: string | null;
                            history: {
                                amount?: number;
                                /** @description ISO 8601 time */
                                at: string;
                                failure_code?: string;
                                psp?: string;
                                refund?: string;
                                type: string;
                            }[];
                            /** @description pay_… */
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @description 3-D Secure: send the shopper to `url`. */
                            next_action: {
                                /** @constant */
                                type: "redirect_to_url";
                                url: string;
                            } | null;
                            /** @constant */
                            object: "payment";
                            psp: string;
                            psp_reference: string | null;
                            /** @description A marketplace payment's sellers and their shares; the rest is the merchant's. */
                            splits: {
                                amount: number;
                                seller: string;
                            }[] | null;
                            /** @enum {string} */
                            status: "processing" | "requires_action" | "authorized" | "captured" | "failed" | "canceled";
                            /** @description Why the payment is in its status: `processing` with `psp_outcome_unknown`, the PSP may have authorized and is being asked; `authorized` with `capture_pending` or `cancel_pending`, the PSP accepted the capture or void and has not confirmed it yet. */
                            status_reason: ("psp_outcome_unknown" | "capture_pending" | "cancel_pending") | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The payment's refunds, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: number;
                                created: number;
                                currency: string;
                                failure_code: string | null;
                                /** @description re_… */
                                id: string;
                                /** @constant */
                                object: "refund";
                                payment: string;
                                reason: string | null;
                                /** @enum {string} */
                                status: "pending" | "succeeded" | "failed";
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Refund a captured payment */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description Default: everything not yet refunded. */
                        amount?: number;
                        /** @enum {string} */
                        reason?: "duplicate" | "fraudulent" | "requested_by_customer";
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            created: number;
                            currency: string;
                            failure_code: string | null;
                            /** @description re_… */
                            id: string;
                            /** @constant */
                            object: "refund";
                            payment: string;
                            reason: string | null;
                            /** @enum {string} */
                            status: "pending" | "succeeded" | "failed";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payout_approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every merchant's payouts waiting for approval, oldest first (a finance key only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: number;
                                approved: number | null;
                                /** @description The finance key that approved it */
                                approved_by: string | null;
                                /** @description Made by the seller's payout schedule */
                                automatic: boolean;
                                created: number;
                                currency: string;
                                failure_code: string | null;
                                failure_message: string | null;
                                /** @description po_… */
                                id: string;
                                merchant: string;
                                /** @constant */
                                object: "payout";
                                psp: string;
                                psp_reference: string | null;
                                seller: string;
                                /** @enum {string} */
                                status: "requires_approval" | "pending" | "in_transit" | "paid" | "failed" | "canceled";
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List payouts, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    seller?: string;
                    starting_after?: string;
                    status?: "requires_approval" | "pending" | "in_transit" | "paid" | "failed" | "canceled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: number;
                                approved: number | null;
                                /** @description The finance key that approved it */
                                approved_by: string | null;
                                /** @description Made by the seller's payout schedule */
                                automatic: boolean;
                                created: number;
                                currency: string;
                                failure_code: string | null;
                                failure_message: string | null;
                                /** @description po_… */
                                id: string;
                                /** @constant */
                                object: "payout";
                                psp: string;
                                psp_reference: string | null;
                                seller: string;
                                /** @enum {string} */
                                status: "requires_approval" | "pending" | "in_transit" | "paid" | "failed" | "canceled";
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Pay out a seller's available funds (400 balance_insufficient when they do not suffice) */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A positive integer in the currency's minor unit (e.g. 1099 = 10.99 usd, 1099 = ¥1099). */
                        amount: number;
                        /**
                         * @description Three-letter ISO 4217 currency code, e.g. "usd".
                         * @enum {string}
                         */
                        currency: "aed" | "AED" | "aud" | "AUD" | "bhd" | "BHD" | "bif" | "BIF" | "brl" | "BRL" | "cad" | "CAD" | "chf" | "CHF" | "clp" | "CLP" | "cny" | "CNY" | "czk" | "CZK" | "djf" | "DJF" | "dkk" | "DKK" | "eur" | "EUR" | "gbp" | "GBP" | "gnf" | "GNF" | "hkd" | "HKD" | "huf" | "HUF" | "idr" | "IDR" | "ils" | "ILS" | "inr" | "INR" | "isk" | "ISK" | "jod" | "JOD" | "jpy" | "JPY" | "kmf" | "KMF" | "krw" | "KRW" | "kwd" | "KWD" | "mxn" | "MXN" | "myr" | "MYR" | "nok" | "NOK" | "nzd" | "NZD" | "omr" | "OMR" | "php" | "PHP" | "pln" | "PLN" | "pyg" | "PYG" | "ron" | "RON" | "rwf" | "RWF" | "sek" | "SEK" | "sgd" | "SGD" | "thb" | "THB" | "tnd" | "TND" | "try" | "TRY" | "twd" | "TWD" | "ugx" | "UGX" | "usd" | "USD" | "vnd" | "VND" | "vuv" | "VUV" | "xaf" | "XAF" | "xof" | "XOF" | "xpf" | "XPF" | "zar" | "ZAR";
                        seller: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            approved: number | null;
                            /** @description The finance key that approved it */
                            approved_by: string | null;
                            /** @description Made by the seller's payout schedule */
                            automatic: boolean;
                            created: number;
                            currency: string;
                            failure_code: string | null;
                            failure_message: string | null;
                            /** @description po_… */
                            id: string;
                            /** @constant */
                            object: "payout";
                            psp: string;
                            psp_reference: string | null;
                            seller: string;
                            /** @enum {string} */
                            status: "requires_approval" | "pending" | "in_transit" | "paid" | "failed" | "canceled";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payouts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a payout */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            approved: number | null;
                            /** @description The finance key that approved it */
                            approved_by: string | null;
                            /** @description Made by the seller's payout schedule */
                            automatic: boolean;
                            created: number;
                            currency: string;
                            failure_code: string | null;
                            failure_message: string | null;
                            /** @description po_… */
                            id: string;
                            /** @constant */
                            object: "payout";
                            psp: string;
                            psp_reference: string | null;
                            seller: string;
                            /** @enum {string} */
                            status: "requires_approval" | "pending" | "in_transit" | "paid" | "failed" | "canceled";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payouts/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a payout above PAYOUT_APPROVAL_THRESHOLD (a finance key only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            approved: number | null;
                            /** @description The finance key that approved it */
                            approved_by: string | null;
                            /** @description Made by the seller's payout schedule */
                            automatic: boolean;
                            created: number;
                            currency: string;
                            failure_code: string | null;
                            failure_message: string | null;
                            /** @description po_… */
                            id: string;
                            /** @constant */
                            object: "payout";
                            psp: string;
                            psp_reference: string | null;
                            seller: string;
                            /** @enum {string} */
                            status: "requires_approval" | "pending" | "in_transit" | "paid" | "failed" | "canceled";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payouts/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a payout waiting for approval; its funds are available again */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            approved: number | null;
                            /** @description The finance key that approved it */
                            approved_by: string | null;
                            /** @description Made by the seller's payout schedule */
                            automatic: boolean;
                            created: number;
                            currency: string;
                            failure_code: string | null;
                            failure_message: string | null;
                            /** @description po_… */
                            id: string;
                            /** @constant */
                            object: "payout";
                            psp: string;
                            psp_reference: string | null;
                            seller: string;
                            /** @enum {string} */
                            status: "requires_approval" | "pending" | "in_transit" | "paid" | "failed" | "canceled";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/psps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every PSP: configured or not, and its circuit breaker */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                breaker: {
                                    consecutive_failures: number;
                                    /** @description Unix seconds */
                                    last_failure_at: number | null;
                                    /** @description Unix seconds, refreshed at most every few seconds */
                                    last_success_at: number | null;
                                    /** @description Unix seconds */
                                    open_until: number | null;
                                    /**
                                     * @description half_open: the next payment routed there is a probe.
                                     * @enum {string}
                                     */
                                    state: "closed" | "open" | "half_open";
                                };
                                /** @description Whether holdfast has credentials (or the simulator) for this PSP. */
                                configured: boolean;
                                health: {
                                    /** @description Unix seconds: when the current run of failures began, or (healthy) when the last one ended; null if it never failed. */
                                    since: number | null;
                                    /**
                                     * @description down: the breaker is open; degraded: recent calls failed; healthy: the last call got through.
                                     * @enum {string}
                                     */
                                    status: "healthy" | "degraded" | "down";
                                };
                                /** @constant */
                                object: "psp";
                                /** @enum {string} */
                                psp: "stripe" | "adyen";
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconciliation/exceptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The exceptions queue, newest first */
        get: {
            parameters: {
                query?: {
                    category?: "2" | "3";
                    date?: string;
                    kind?: string;
                    limit?: number;
                    psp?: "stripe" | "adyen";
                    starting_after?: string;
                    status?: "open" | "resolved";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                category: 2 | 3;
                                /** @description Everything known when it was raised. */
                                context: unknown;
                                /** @description Unix seconds */
                                created: number;
                                date: string | null;
                                /** @description exc_… */
                                id: string;
                                kind: string;
                                merchant: string | null;
                                /** @constant */
                                object: "reconciliation_exception";
                                payment: string | null;
                                psp: string | null;
                                resolution: unknown | null;
                                /** @description Unix seconds */
                                resolved_at: number | null;
                                /** @enum {string} */
                                status: "open" | "resolved";
                                /** @description What it is about: a payment, a settlement item, a PSP reference. */
                                subject: string;
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconciliation/exceptions/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve an open exception: the action is carried out and recorded in the audit log with the note */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description adjust_ledger: book the PSP's figure; write_off: take the difference to the platform's P&L; accept: resolve as it is, posting nothing; retry: reconcile the date again (a rejected settlement item: send it to the acquirer again; a stopped workflow step, activity_failed: run it again once a fix is deployed); fail: give a stopped workflow step up, only where no money moved.
                         * @enum {string}
                         */
                        action: "adjust_ledger" | "accept" | "retry" | "write_off" | "fail";
                        /** @description Why; kept in the audit log. */
                        note: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: 2 | 3;
                            /** @description Everything known when it was raised. */
                            context: unknown;
                            /** @description Unix seconds */
                            created: number;
                            date: string | null;
                            /** @description exc_… */
                            id: string;
                            kind: string;
                            merchant: string | null;
                            /** @constant */
                            object: "reconciliation_exception";
                            payment: string | null;
                            psp: string | null;
                            resolution: unknown | null;
                            /** @description Unix seconds */
                            resolved_at: number | null;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            /** @description What it is about: a payment, a settlement item, a PSP reference. */
                            subject: string;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description exception_conflict: already resolved */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description action_not_applicable: the action does not fit this exception (param: action) */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconciliations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Match a PSP's report of a business date against the ledger; a retry with the same Idempotency-Key answers the same run */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The business date whose PSP report is matched: today or earlier. */
                        date: string;
                        /** @enum {string} */
                        psp: "stripe" | "adyen";
                    };
                };
            };
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            date: string;
                            id: string;
                            /** @constant */
                            object: "reconciliation";
                            /** @enum {string} */
                            psp: "stripe" | "adyen";
                            /** @constant */
                            status: "running";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use, or settlement_in_progress */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconciliations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reconciliation run and its summary */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            date: string;
                            /** @description Why a failed run failed: the PSP report could not be fetched. */
                            failure_reason: string | null;
                            /** @description Unix seconds */
                            finished: number | null;
                            /** @description rec_… */
                            id: string;
                            /** @constant */
                            object: "reconciliation";
                            /** @enum {string} */
                            psp: "stripe" | "adyen";
                            /** @description Unix seconds */
                            started: number;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed";
                            /** @description null while running */
                            summary: {
                                /** @description Category 1: understood and fixed without a person (see the audit log). */
                                auto_fixed: number;
                                /** @description Open exceptions of this date and PSP this run no longer found, so resolved. */
                                cleared: number;
                                /** @description Categories 2 and 3: on the exceptions queue. */
                                exceptions: number;
                                matched: number;
                                report_lines: number;
                            } | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The merchant's refunds, newest first (404 when `payment` is not the merchant's) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    payment?: string;
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: number;
                                created: number;
                                currency: string;
                                failure_code: string | null;
                                /** @description re_… */
                                id: string;
                                /** @constant */
                                object: "refund";
                                payment: string;
                                reason: string | null;
                                /** @enum {string} */
                                status: "pending" | "succeeded" | "failed";
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/refunds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a refund */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            created: number;
                            currency: string;
                            failure_code: string | null;
                            /** @description re_… */
                            id: string;
                            /** @constant */
                            object: "refund";
                            payment: string;
                            reason: string | null;
                            /** @enum {string} */
                            status: "pending" | "succeeded" | "failed";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routing_rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The merchant's routing rules, first match wins */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                currency: ("aed" | "aud" | "bhd" | "bif" | "brl" | "cad" | "chf" | "clp" | "cny" | "czk" | "djf" | "dkk" | "eur" | "gbp" | "gnf" | "hkd" | "huf" | "idr" | "ils" | "inr" | "isk" | "jod" | "jpy" | "kmf" | "krw" | "kwd" | "mxn" | "myr" | "nok" | "nzd" | "omr" | "php" | "pln" | "pyg" | "ron" | "rwf" | "sek" | "sgd" | "thb" | "tnd" | "try" | "twd" | "ugx" | "usd" | "vnd" | "vuv" | "xaf" | "xof" | "xpf" | "zar") | null;
                                max_amount: number | null;
                                min_amount: number | null;
                                psps: {
                                    /** @enum {string} */
                                    psp: "stripe" | "adyen";
                                    weight?: number;
                                }[];
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        /** Replace the merchant's routing rules at once (idempotent: no Idempotency-Key) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The merchant's whole rule list, first match wins; [] routes everything by the default. */
                        rules: {
                            /** @description Absent or null: every currency. */
                            currency?: ("aed" | "AED" | "aud" | "AUD" | "bhd" | "BHD" | "bif" | "BIF" | "brl" | "BRL" | "cad" | "CAD" | "chf" | "CHF" | "clp" | "CLP" | "cny" | "CNY" | "czk" | "CZK" | "djf" | "DJF" | "dkk" | "DKK" | "eur" | "EUR" | "gbp" | "GBP" | "gnf" | "GNF" | "hkd" | "HKD" | "huf" | "HUF" | "idr" | "IDR" | "ils" | "ILS" | "inr" | "INR" | "isk" | "ISK" | "jod" | "JOD" | "jpy" | "JPY" | "kmf" | "KMF" | "krw" | "KRW" | "kwd" | "KWD" | "mxn" | "MXN" | "myr" | "MYR" | "nok" | "NOK" | "nzd" | "NZD" | "omr" | "OMR" | "php" | "PHP" | "pln" | "PLN" | "pyg" | "PYG" | "ron" | "RON" | "rwf" | "RWF" | "sek" | "SEK" | "sgd" | "SGD" | "thb" | "THB" | "tnd" | "TND" | "try" | "TRY" | "twd" | "TWD" | "ugx" | "UGX" | "usd" | "USD" | "vnd" | "VND" | "vuv" | "VUV" | "xaf" | "XAF" | "xof" | "XOF" | "xpf" | "XPF" | "zar" | "ZAR") | null;
                            /** @description Inclusive upper bound in minor units; absent or null: none. */
                            max_amount?: number | null;
                            /** @description Inclusive lower bound in minor units; absent or null: none. */
                            min_amount?: number | null;
                            /** @description Tried in this order; a weighted pick, if any, goes first. */
                            psps: {
                                /** @enum {string} */
                                psp: "stripe" | "adyen";
                                /** @description Relative share of first attempts among the rule's weighted PSPs; absent = failover only. */
                                weight?: number;
                            }[];
                        }[];
                    };
                };
            };
            responses: {
                /** @description The rules now in force */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                currency: ("aed" | "aud" | "bhd" | "bif" | "brl" | "cad" | "chf" | "clp" | "cny" | "czk" | "djf" | "dkk" | "eur" | "gbp" | "gnf" | "hkd" | "huf" | "idr" | "ils" | "inr" | "isk" | "jod" | "jpy" | "kmf" | "krw" | "kwd" | "mxn" | "myr" | "nok" | "nzd" | "omr" | "php" | "pln" | "pyg" | "ron" | "rwf" | "sek" | "sgd" | "thb" | "tnd" | "try" | "twd" | "ugx" | "usd" | "vnd" | "vuv" | "xaf" | "xof" | "xpf" | "zar") | null;
                                max_amount: number | null;
                                min_amount: number | null;
                                psps: {
                                    /** @enum {string} */
                                    psp: "stripe" | "adyen";
                                    weight?: number;
                                }[];
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sellers, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                created: number;
                                /** @description sel_… */
                                id: string;
                                name: string;
                                /** @constant */
                                object: "seller";
                                /** @enum {string} */
                                payout_psp: "stripe" | "adyen";
                                payout_schedule: {
                                    /** @enum {string} */
                                    interval: "manual" | "daily" | "weekly";
                                    minimum_amount: number;
                                    /** @enum {string} */
                                    weekly_anchor: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
                                };
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a seller of the marketplace */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * @description The PSP its payouts go through.
                         * @default stripe
                         * @enum {string}
                         */
                        payout_psp?: "stripe" | "adyen";
                        /** @description Automatic payouts at midnight in the platform time zone; default manual. */
                        payout_schedule?: {
                            /** @enum {string} */
                            interval: "manual" | "daily" | "weekly";
                            /** @description Pay a currency out only when at least this many minor units are available; default 1. */
                            minimum_amount?: number;
                            /**
                             * @description For weekly payouts; default monday.
                             * @enum {string}
                             */
                            weekly_anchor?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
                        };
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            /** @description sel_… */
                            id: string;
                            name: string;
                            /** @constant */
                            object: "seller";
                            /** @enum {string} */
                            payout_psp: "stripe" | "adyen";
                            payout_schedule: {
                                /** @enum {string} */
                                interval: "manual" | "daily" | "weekly";
                                minimum_amount: number;
                                /** @enum {string} */
                                weekly_anchor: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
                            };
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a seller */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            /** @description sel_… */
                            id: string;
                            name: string;
                            /** @constant */
                            object: "seller";
                            /** @enum {string} */
                            payout_psp: "stripe" | "adyen";
                            payout_schedule: {
                                /** @enum {string} */
                                interval: "manual" | "daily" | "weekly";
                                minimum_amount: number;
                                /** @enum {string} */
                                weekly_anchor: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
                            };
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Change a seller's name or payout schedule */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @description Automatic payouts at midnight in the platform time zone; default manual. */
                        payout_schedule?: {
                            /** @enum {string} */
                            interval: "manual" | "daily" | "weekly";
                            /** @description Pay a currency out only when at least this many minor units are available; default 1. */
                            minimum_amount?: number;
                            /**
                             * @description For weekly payouts; default monday.
                             * @enum {string}
                             */
                            weekly_anchor?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
                        };
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            /** @description sel_… */
                            id: string;
                            name: string;
                            /** @constant */
                            object: "seller";
                            /** @enum {string} */
                            payout_psp: "stripe" | "adyen";
                            payout_schedule: {
                                /** @enum {string} */
                                interval: "manual" | "daily" | "weekly";
                                minimum_amount: number;
                                /** @enum {string} */
                                weekly_anchor: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
                            };
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A seller's available, pending and reserved balances per currency, in GET /v1/balance's shape */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Settled and free (for a seller: to pay out); below zero while a dispute or a late refund took back more than had settled */
                            available: {
                                amount: number;
                                currency: string;
                            }[];
                            /** @constant */
                            object: "balance";
                            /** @description Captured, not settled yet */
                            pending: {
                                amount: number;
                                currency: string;
                            }[];
                            /** @description Held for open disputes, and a seller's payouts on their way */
                            reserved: {
                                amount: number;
                                currency: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The merchant's own settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description null: the platform's CAPTURE_BEFORE_SECONDS */
                            capture_before_seconds: number | null;
                            /** @description null: the platform's DEFAULT_PSPS */
                            default_psps: ("stripe" | "adyen")[] | null;
                            /** @constant */
                            object: "settings";
                            /** @description null: the PSP account's own */
                            statement_descriptor: string | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Change settings: a field left out stays, null resets it to the platform default; new payments use them at once */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description An authorization not captured this long is voided (at most 30 days); null: the platform default. */
                        capture_before_seconds?: number | null;
                        default_psps?: ("stripe" | "adyen")[] | null;
                        statement_descriptor?: string | null;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description null: the platform's CAPTURE_BEFORE_SECONDS */
                            capture_before_seconds: number | null;
                            /** @description null: the platform's DEFAULT_PSPS */
                            default_psps: ("stripe" | "adyen")[] | null;
                            /** @constant */
                            object: "settings";
                            /** @description null: the PSP account's own */
                            statement_descriptor: string | null;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The settlements of a business date */
        get: {
            parameters: {
                query: {
                    date: string;
                    psp?: "stripe" | "adyen";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                batches: {
                                    currency: string;
                                    /** @description null until the acquirer answers */
                                    fees: number | null;
                                    gross: number;
                                    id: string;
                                    idempotency_key: string;
                                    item_count: number;
                                    merchant: string;
                                    net: number | null;
                                    /** @description 1 = first submission; later rounds resend transiently rejected items. */
                                    round: number;
                                    /** @enum {string} */
                                    status: "prepared" | "submitted" | "accepted" | "partially_accepted" | "rejected";
                                    /** @description Unix seconds */
                                    submitted_at: number | null;
                                }[];
                                /** @description Unix seconds */
                                created: number;
                                date: string;
                                /** @description stl_<yyyymmdd>_<psp> for a date's first run, stl_<yyyymmdd>_<psp>_r<n> for a supplementary run */
                                id: string;
                                /** @constant */
                                object: "settlement";
                                /** @enum {string} */
                                psp: "stripe" | "adyen";
                                /** @enum {string} */
                                status: "prepared" | "submitted" | "reconciled";
                                totals: {
                                    accepted: number;
                                    currency: string;
                                    /** @description What the acquirer kept of the accepted items. */
                                    fees: number;
                                    /** @description Every item's receivable: captures in, refunds out. */
                                    gross: number;
                                    items: number;
                                    /** @description Accepted items: gross less fees. */
                                    net: number;
                                    /** @description Not decided yet: pending, submitted or waiting to be sent again. */
                                    pending: number;
                                    rejected: number;
                                }[];
                                /** @description Unix seconds */
                                updated: number;
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Settle a business date at one PSP or every configured one; a new Idempotency-Key settles the date again (a supplementary run takes only what earlier runs did not) */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The business date to settle: today or earlier, in the platform time zone. */
                        date: string;
                        /**
                         * @description Settle at this PSP only; default: every configured PSP.
                         * @enum {string}
                         */
                        psp?: "stripe" | "adyen";
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                batches: {
                                    currency: string;
                                    /** @description null until the acquirer answers */
                                    fees: number | null;
                                    gross: number;
                                    id: string;
                                    idempotency_key: string;
                                    item_count: number;
                                    merchant: string;
                                    net: number | null;
                                    /** @description 1 = first submission; later rounds resend transiently rejected items. */
                                    round: number;
                                    /** @enum {string} */
                                    status: "prepared" | "submitted" | "accepted" | "partially_accepted" | "rejected";
                                    /** @description Unix seconds */
                                    submitted_at: number | null;
                                }[];
                                /** @description Unix seconds */
                                created: number;
                                date: string;
                                /** @description stl_<yyyymmdd>_<psp> for a date's first run, stl_<yyyymmdd>_<psp>_r<n> for a supplementary run */
                                id: string;
                                /** @constant */
                                object: "settlement";
                                /** @enum {string} */
                                psp: "stripe" | "adyen";
                                /** @enum {string} */
                                status: "prepared" | "submitted" | "reconciled";
                                totals: {
                                    accepted: number;
                                    currency: string;
                                    /** @description What the acquirer kept of the accepted items. */
                                    fees: number;
                                    /** @description Every item's receivable: captures in, refunds out. */
                                    gross: number;
                                    items: number;
                                    /** @description Accepted items: gross less fees. */
                                    net: number;
                                    /** @description Not decided yet: pending, submitted or waiting to be sent again. */
                                    pending: number;
                                    rejected: number;
                                }[];
                                /** @description Unix seconds */
                                updated: number;
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use, or settlement_in_progress */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A settlement with its totals, batches and items */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            batches: {
                                currency: string;
                                /** @description null until the acquirer answers */
                                fees: number | null;
                                gross: number;
                                id: string;
                                idempotency_key: string;
                                item_count: number;
                                merchant: string;
                                net: number | null;
                                /** @description 1 = first submission; later rounds resend transiently rejected items. */
                                round: number;
                                /** @enum {string} */
                                status: "prepared" | "submitted" | "accepted" | "partially_accepted" | "rejected";
                                /** @description Unix seconds */
                                submitted_at: number | null;
                            }[];
                            /** @description Unix seconds */
                            created: number;
                            date: string;
                            /** @description stl_<yyyymmdd>_<psp> for a date's first run, stl_<yyyymmdd>_<psp>_r<n> for a supplementary run */
                            id: string;
                            items: {
                                /** @description Positive: the captured, refunded or released amount. */
                                amount: number;
                                batch: string | null;
                                currency: string;
                                fee: number | null;
                                id: string;
                                /** @enum {string} */
                                kind: "capture" | "refund" | "void";
                                payment: string;
                                psp_reference: string;
                                refund: string | null;
                                reject_reason: string | null;
                                /** @enum {string} */
                                status: "pending" | "submitted" | "accepted" | "retry" | "rejected";
                                submissions: number;
                            }[];
                            /** @constant */
                            object: "settlement";
                            /** @enum {string} */
                            psp: "stripe" | "adyen";
                            /** @enum {string} */
                            status: "prepared" | "submitted" | "reconciled";
                            totals: {
                                accepted: number;
                                currency: string;
                                /** @description What the acquirer kept of the accepted items. */
                                fees: number;
                                /** @description Every item's receivable: captures in, refunds out. */
                                gross: number;
                                items: number;
                                /** @description Accepted items: gross less fees. */
                                net: number;
                                /** @description Not decided yet: pending, submitted or waiting to be sent again. */
                                pending: number;
                                rejected: number;
                            }[];
                            /** @description Unix seconds */
                            updated: number;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlements/{id}/batches/{batchId}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The batch file as sent to the acquirer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    batchId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description As exchanged, byte for byte */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlements/{id}/batches/{batchId}/response": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The acquirer's answer to the batch as received */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    batchId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description As exchanged, byte for byte */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Unix seconds */
                                created: number;
                                enabled: boolean;
                                events: string[];
                                /** @description we_… */
                                id: string;
                                /** @constant */
                                object: "webhook_endpoint";
                                /** @description Unix seconds until which the secret replaced by the last rotation also signs; null if never rotated */
                                previous_secret_expires: number | null;
                                url: string;
                            }[];
                            has_more: boolean;
                            /** @constant */
                            object: "list";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a webhook endpoint (https, public address: else 400 url_not_allowed); the answer shows its signing secret, once */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Event types to receive, or ["*"] for all of them. */
                        events: ("payment.authorized" | "payment.captured" | "payment.failed" | "payment.canceled" | "refund.succeeded" | "refund.failed" | "dispute.created" | "dispute.evidence_due_soon" | "dispute.updated" | "dispute.closed" | "payout.paid" | "payout.failed" | "payout.canceled" | "*")[];
                        /** @description Where events are POSTed, signed with the endpoint secret (Holdfast-Signature). https, to a public address. */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Unix seconds */
                            created: number;
                            enabled: boolean;
                            events: string[];
                            /** @description we_… */
                            id: string;
                            /** @constant */
                            object: "webhook_endpoint";
                            /** @description Unix seconds until which the secret replaced by the last rotation also signs; null if never rotated */
                            previous_secret_expires: number | null;
                            /** @description whsec_…; the HMAC key of Holdfast-Signature. Shown only here and when rotated. */
                            secret: string;
                            url: string;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a webhook endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Unix seconds */
                            created: number;
                            enabled: boolean;
                            events: string[];
                            /** @description we_… */
                            id: string;
                            /** @constant */
                            object: "webhook_endpoint";
                            /** @description Unix seconds until which the secret replaced by the last rotation also signs; null if never rotated */
                            previous_secret_expires: number | null;
                            url: string;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Change a webhook endpoint: url (400 url_not_allowed as on create), events, enabled */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description A disabled endpoint is sent no events until enabled again. */
                        enabled?: boolean;
                        /** @description Event types to receive, or ["*"] for all of them. */
                        events?: ("payment.authorized" | "payment.captured" | "payment.failed" | "payment.canceled" | "refund.succeeded" | "refund.failed" | "dispute.created" | "dispute.evidence_due_soon" | "dispute.updated" | "dispute.closed" | "payout.paid" | "payout.failed" | "payout.canceled" | "*")[];
                        /** @description Where events are POSTed, signed with the endpoint secret (Holdfast-Signature). https, to a public address. */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Unix seconds */
                            created: number;
                            enabled: boolean;
                            events: string[];
                            /** @description we_… */
                            id: string;
                            /** @constant */
                            object: "webhook_endpoint";
                            /** @description Unix seconds until which the secret replaced by the last rotation also signs; null if never rotated */
                            previous_secret_expires: number | null;
                            url: string;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        /** Delete a webhook endpoint; it is sent nothing more */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @constant */
                            deleted: true;
                            id: string;
                            /** @constant */
                            object: "webhook_endpoint";
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/rotate_secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret; the previous one also signs until expires_in_seconds from now. The answer shows the new secret, once */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key. */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /**
                         * @description How long the previous secret keeps signing deliveries beside the new one; 0 ends it now.
                         * @default 86400
                         */
                        expires_in_seconds?: number;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Unix seconds */
                            created: number;
                            enabled: boolean;
                            events: string[];
                            /** @description we_… */
                            id: string;
                            /** @constant */
                            object: "webhook_endpoint";
                            /** @description Unix seconds until which the secret replaced by the last rotation also signs; null if never rotated */
                            previous_secret_expires: number | null;
                            /** @description whsec_…; the HMAC key of Holdfast-Signature. Shown only here and when rotated. */
                            secret: string;
                            url: string;
                        };
                    };
                };
                /** @description Invalid request (code and param say what is wrong) */
                400: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope) */
                403: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description No such object for this merchant */
                404: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description idempotency_key_in_use */
                409: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description Refused by a rule (x-refused-by-rule) */
                413: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description idempotency_key_reused */
                422: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key */
                429: {
                    headers: {
                        /** @description What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full) */
                        RateLimit?: string;
                        /** @description The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`) */
                        "RateLimit-Policy"?: string;
                        /** @description Seconds until the bucket holds a request again */
                        "Retry-After": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                param?: string;
                                /** @description api_key_scope_insufficient: the scope the request needs, or `unrestricted` */
                                required_scope?: string;
                                type: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
