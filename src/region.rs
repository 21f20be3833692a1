//! The model's axes: regions, chain stages and materials, as typed enums, and small fixed arrays
//! indexed by them. Shared by the engine (`model/`) and the project list (`projects.rs`), so
//! neither imports the other.

use serde::Serialize;
use std::ops::{Index, IndexMut};

/// Regions, in the order of every per-region array and of the series families.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Us,
    China,
    Allies,
    RestOfWorld,
}

impl Region {
    pub const ALL: [Region; 4] = [
        Region::Us,
        Region::China,
        Region::Allies,
        Region::RestOfWorld,
    ];
    /// The regions outside China, which share the ex-China market.
    pub const EX_CHINA: [Region; 3] = [Region::Us, Region::Allies, Region::RestOfWorld];
    /// Short ids used in series names, in region order.
    pub const IDS: [&'static str; 4] = ["us", "cn", "allies", "row"];

    pub const fn index(self) -> usize {
        self as usize
    }
}

/// Chain stages, upstream first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Mining,
    Separation,
    Metal,
    Magnet,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Mining,
        Stage::Separation,
        Stage::Metal,
        Stage::Magnet,
    ];
    pub const IDS: [&'static str; 4] = ["mining", "separation", "metal", "magnet"];

    pub const fn index(self) -> usize {
        self as usize
    }
}

/// The two materials the model prices and tracks: NdPr (light) and Dy+Tb (heavy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Material {
    Ndpr,
    Heavy,
}

impl Material {
    pub const ALL: [Material; 2] = [Material::Ndpr, Material::Heavy];

    pub const fn index(self) -> usize {
        self as usize
    }
}

/// One value per region.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PerRegion<T>(pub [T; 4]);

impl<T: Copy> PerRegion<T> {
    pub const fn splat(v: T) -> Self {
        PerRegion([v; 4])
    }
}

impl PerRegion<f64> {
    pub fn sum(&self) -> f64 {
        self.0.iter().sum()
    }
    /// Sum over the regions outside China.
    pub fn ex_china(&self) -> f64 {
        self.0[0] + self.0[2] + self.0[3]
    }
}

impl<T> Index<Region> for PerRegion<T> {
    type Output = T;
    #[inline(always)]
    fn index(&self, r: Region) -> &T {
        &self.0[r as usize]
    }
}

impl<T> IndexMut<Region> for PerRegion<T> {
    #[inline(always)]
    fn index_mut(&mut self, r: Region) -> &mut T {
        &mut self.0[r as usize]
    }
}

/// One value per material.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PerMaterial<T>(pub [T; 2]);

impl<T: Copy> PerMaterial<T> {
    pub const fn splat(v: T) -> Self {
        PerMaterial([v; 2])
    }
}

impl PerMaterial<f64> {
    pub fn sum(&self) -> f64 {
        self.0[0] + self.0[1]
    }
}

impl<T> Index<Material> for PerMaterial<T> {
    type Output = T;
    #[inline(always)]
    fn index(&self, m: Material) -> &T {
        &self.0[m as usize]
    }
}

impl<T> IndexMut<Material> for PerMaterial<T> {
    #[inline(always)]
    fn index_mut(&mut self, m: Material) -> &mut T {
        &mut self.0[m as usize]
    }
}
