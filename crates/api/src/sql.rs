//! The vocabulary enums as TEXT columns for sqlx's `Any` driver (sqlx's derive only covers the
//! typed drivers). Stored as their `as_str` names; an unknown name read back is an error.

use sqlx::any::{Any, AnyTypeInfo};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

use crate::vocab::{FacetKind, Licence, PatternState};

macro_rules! text_column {
    ($ty:ident) => {
        impl Type<Any> for $ty {
            fn type_info() -> AnyTypeInfo {
                <str as Type<Any>>::type_info()
            }
            fn compatible(ty: &AnyTypeInfo) -> bool {
                <str as Type<Any>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Any> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                <&'q str as Encode<'q, Any>>::encode(self.as_str(), buf)
            }
        }

        impl<'r> Decode<'r, Any> for $ty {
            fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let name = <String as Decode<'r, Any>>::decode(value)?;
                $ty::parse(&name).ok_or_else(|| {
                    format!(concat!("unknown ", stringify!($ty), " {:?}"), name).into()
                })
            }
        }
    };
}

text_column!(PatternState);
text_column!(FacetKind);
text_column!(Licence);
