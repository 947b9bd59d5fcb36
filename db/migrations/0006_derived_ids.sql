CREATE TABLE "derived_ids" (
	"merchant_id" text NOT NULL,
	"object_id" text NOT NULL,
	"request_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "derived_ids_merchant_id_object_id_pk" PRIMARY KEY("merchant_id","object_id")
);
